/**
 * Worksheets and answer keys: dist/worksheets/<section>.pdf and <section>-answer-key.pdf,
 * paginated by the workbook's finisher (Paged.js in tabs of the build's one browser, joined and
 * printed tagged with an outline). The keys cite the Letter workbook's pages, so this target
 * needs the pdf target's page facts. Each document is cached by the hash of everything that
 * goes into it, so an unchanged book is not paginated again. `npm run worksheet` prints custom
 * sets through `printWorksheets` too.
 */
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'puppeteer-core';
import type { Book } from '../model.ts';
import type { Target } from './target.ts';
import { LETTER_FACTS } from './pdf.ts';
import { FINISHER_SOURCES, paginateBook, type PageFacts } from '../pdf/paginate.ts';
import { setPdfMetadata } from '../pdf/metadata.ts';
import { fontFaceCss, FONTS, KATEX_DIST, packageDir } from '../assets.ts';
import { worksheetHost, type WorksheetDoc } from '../worksheets/document.ts';

/** The host page every chunk of a worksheet is laid out in. */
const WORKSHEET_HOST = 'host.html';
import { renderSectionDocs } from '../worksheets/sets.ts';

/** What a printed document holds: its page count and the page each item starts on. */
export interface DocPages {
  readonly pageCount: number;
  readonly itemPages: Record<string, number>;
}

export interface PrintJob {
  readonly book: Book;
  readonly docs: readonly WorksheetDoc[];
  readonly projectRoot: string;
  /** Where `<name>.pdf` files go. */
  readonly outDir: string;
  /** Folder for staging and, when `cache` is set, for the cached PDFs. */
  readonly workDir: string;
  readonly cache: boolean;
  readonly browser: () => Promise<Browser>;
  readonly log: (message: string) => void;
  /** Browser tabs laying out at once. */
  readonly tabs: number;
}

export interface Printed extends DocPages {
  readonly name: string;
  readonly cached: boolean;
}

/** Fonts and KaTeX, staged once and linked into every document's folder. */
function stageAssets(folder: string, projectRoot: string): Record<string, string> {
  mkdirSync(join(folder, 'fonts'), { recursive: true });
  writeFileSync(join(folder, 'fonts.css'), fontFaceCss('fonts/'));
  for (const font of FONTS) cpSync(font.source, join(folder, 'fonts', font.file));
  cpSync(join(KATEX_DIST, 'katex.min.css'), join(folder, 'katex', 'katex.min.css'));
  cpSync(join(KATEX_DIST, 'fonts'), join(folder, 'katex', 'fonts'), { recursive: true });
  return {
    'worksheet.css': readFileSync(join(projectRoot, 'layouts/worksheets/worksheet.css'), 'utf8'),
    'hooks.js': readFileSync(join(projectRoot, 'layouts/worksheets/hooks.js'), 'utf8'),
    'paged.polyfill.js': readFileSync(join(packageDir('pagedjs'), 'dist/paged.polyfill.js'), 'utf8'),
  };
}

/** Writes one document's pages into `folder`; returns the cache key of everything that decides its PDF. */
function stageDoc(doc: WorksheetDoc, folder: string, assets: string, shared: Record<string, string>): string {
  mkdirSync(folder, { recursive: true });
  symlinkSync(assets, join(folder, 'assets'));
  const files = { ...shared, [WORKSHEET_HOST]: worksheetHost(doc.title), ...Object.fromEntries(doc.chunks.map((c) => [c.file, c.body])) };
  const hash = createHash('sha256').update('worksheets-v1').update(doc.title).update('\0').update(doc.subject);
  for (const [name, text] of Object.entries(files)) {
    writeFileSync(join(folder, name), text);
    hash.update(name).update('\0').update(text).update('\0');
  }
  hash.update(fontFaceCss('fonts/')).update(readFileSync(join(packageDir('katex'), 'package.json')));
  // The finisher's code decides the output too: a change to it invalidates cached PDFs.
  for (const file of FINISHER_SOURCES) hash.update(readFileSync(file));
  return hash.digest('hex').slice(0, 24);
}

const chunkTimeoutMs = (items: number): number => 90_000 + items * 15_000;

async function printDoc(job: PrintJob, doc: WorksheetDoc, folder: string, key: string, tabs: number): Promise<Printed> {
  const cachedPdf = join(job.workDir, `${doc.name}-${key}.pdf`);
  const cachedPages = join(job.workDir, `${doc.name}-${key}.json`);
  const target = join(job.outDir, `${doc.name}.pdf`);
  if (job.cache && existsSync(cachedPdf) && existsSync(cachedPages)) {
    cpSync(cachedPdf, target);
    return { name: doc.name, cached: true, ...(JSON.parse(readFileSync(cachedPages, 'utf8')) as DocPages) };
  }
  const { pdf, facts } = await paginateBook({
    folder,
    host: WORKSHEET_HOST,
    chunks: doc.chunks.map((c) => ({ file: c.file, startsRight: false, timeoutMs: chunkTimeoutMs(c.items.length) })),
    browser: await job.browser(),
    concurrency: tabs,
  });
  const missing = doc.items.filter((id) => !facts.itemPages[id]);
  if (missing.length) throw new Error(`${doc.name}.pdf: items ${missing.join(', ')} are missing from the laid-out pages`);
  const final = await setPdfMetadata(pdf, { title: doc.title, subject: doc.subject, author: 'The ML/AI Interview Prep Guide authors', language: 'en-US', date: job.book.date });
  const pages: DocPages = { pageCount: facts.pageCount, itemPages: facts.itemPages };
  writeFileSync(target, final);
  if (job.cache) {
    // One cached version per document: drop the ones this key replaces.
    for (const old of readdirSync(job.workDir).filter((f) => f.startsWith(`${doc.name}-`) && /^[0-9a-f]{24}\.(pdf|json)$/.test(f.slice(doc.name.length + 1)))) {
      rmSync(join(job.workDir, old));
    }
    writeFileSync(cachedPdf, final);
    writeFileSync(cachedPages, JSON.stringify(pages));
  }
  job.log(`${doc.name}.pdf: ${facts.pageCount} pages, layout ${facts.layoutSeconds.toFixed(1)} s, print ${facts.printSeconds.toFixed(1)} s`);
  return { name: doc.name, cached: false, ...pages };
}

/**
 * Prints the documents with at most `tabs` tabs laying out at once. Largest first, one tab each,
 * on `tabs` workers: the small documents fill in around the big ones, and the joins and prints
 * (one tab each) overlap with layout instead of leaving a core idle.
 */
export async function printWorksheets(job: PrintJob): Promise<Printed[]> {
  const stage = join(job.workDir, `work-${process.pid}`);
  rmSync(stage, { recursive: true, force: true });
  mkdirSync(job.outDir, { recursive: true });
  try {
    const shared = stageAssets(join(stage, 'assets'), job.projectRoot);
    const staged = job.docs.map((doc) => {
      const folder = join(stage, doc.name);
      return { doc, folder, key: stageDoc(doc, folder, join(stage, 'assets'), shared) };
    });
    const size = (doc: WorksheetDoc) => doc.chunks.reduce((n, c) => n + c.body.length, 0);
    const queue = [...staged].sort((a, b) => size(b.doc) - size(a.doc));
    const workers = Math.max(1, Math.min(job.tabs, queue.length));
    const tabsEach = Math.max(1, Math.floor(job.tabs / workers));
    const results = new Map<string, Printed>();
    await Promise.all(Array.from({ length: workers }, async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        results.set(next.doc.name, await printDoc(job, next.doc, next.folder, next.key, tabsEach));
      }
    }));
    return job.docs.map((d) => results.get(d.name)!);
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

export const worksheetsTarget: Target = {
  name: 'worksheets',
  needs: ['pdf'],
  async build(book, ctx) {
    const letter = ctx.shared.get(LETTER_FACTS) as PageFacts | undefined;
    if (!letter) throw new Error('worksheets: no Letter page facts from the pdf target; answer keys cite workbook pages, so the pdf target must run first');
    mkdirSync(ctx.cacheDir, { recursive: true });
    const docs = renderSectionDocs(book, letter.itemPages);
    const printed = await printWorksheets({
      book, docs, projectRoot: ctx.projectRoot, outDir: ctx.outDir, workDir: ctx.cacheDir, cache: true,
      browser: ctx.browser, log: ctx.log, tabs: availableParallelism(),
    });
    const reused = printed.filter((p) => p.cached).length;
    if (reused) ctx.log(`worksheets: ${reused} of ${printed.length} documents unchanged, reused`);
    const index = Object.fromEntries(printed.map((p) => [`${p.name}.pdf`, { pageCount: p.pageCount, itemPages: p.itemPages }]));
    writeFileSync(join(ctx.outDir, 'pages.json'), `${JSON.stringify({ paper: 'letter', workbookPages: 'dist/pdf/pages.json', documents: index }, null, 1)}\n`);
  },
};
