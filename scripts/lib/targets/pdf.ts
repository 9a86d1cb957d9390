/**
 * The PDF workbook: the print HTML paginated by Paged.js into Letter and A4 PDFs. An unchanged
 * book is not paginated again: the PDF and its page facts are cached by the hash of everything
 * that goes into the page. Publishes the Letter page facts for the EPUB page-list and worksheets.
 */
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Book } from '../model.ts';
import type { Target, TargetContext } from './target.ts';
import { printDocument, renderPrintBook, type Paper, type PrintBook } from '../pdf/print-html.ts';
import { FINISHER_SOURCES, paginateBook, type PageFacts } from '../pdf/paginate.ts';
import { availableParallelism } from 'node:os';
import { fontFaceCss, FONTS, KATEX_DIST, packageDir } from '../assets.ts';
import { setPdfMetadata } from '../pdf/metadata.ts';

export const PDF_NAME = 'ml-interview-prep-guide';
export const PAPERS: readonly { paper: Paper; file: string }[] = [
  { paper: 'letter', file: `${PDF_NAME}.pdf` },
  { paper: 'a4', file: `${PDF_NAME}-a4.pdf` },
];
export const LETTER_FACTS = 'pdf.letter.facts';

/** The host page every chunk of the print book is laid out in. */
export const PRINT_HOST = 'host.html';

/** Writes the chunks, their host page and everything it loads into `folder`; returns the cache key of its inputs. */
export function stagePrintFolder(print: PrintBook, folder: string, projectRoot: string): string {
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(join(folder, 'assets', 'fonts'), { recursive: true });
  const files: Record<string, string> = {
    [PRINT_HOST]: printDocument(print.title, print.paper, ''),
    ...Object.fromEntries(print.chunks.map((c) => [c.file, c.body])),
    'book.css': readFileSync(join(projectRoot, 'layouts/pdf/book.css'), 'utf8'),
    'hooks.js': readFileSync(join(projectRoot, 'layouts/pdf/hooks.js'), 'utf8'),
    'paged.polyfill.js': readFileSync(join(packageDir('pagedjs'), 'dist/paged.polyfill.js'), 'utf8'),
    'assets/fonts.css': fontFaceCss('fonts/'),
  };
  const hash = createHash('sha256').update('pdf-v2');
  for (const [name, text] of Object.entries(files)) {
    writeFileSync(join(folder, name), text);
    hash.update(name).update('\0').update(text).update('\0');
  }
  for (const font of FONTS) cpSync(font.source, join(folder, 'assets', 'fonts', font.file));
  cpSync(join(KATEX_DIST, 'katex.min.css'), join(folder, 'assets', 'katex', 'katex.min.css'));
  cpSync(join(KATEX_DIST, 'fonts'), join(folder, 'assets', 'katex', 'fonts'), { recursive: true });
  hash.update(readFileSync(join(packageDir('katex'), 'package.json')));
  // The finisher's own code decides the output too: a change to it invalidates cached PDFs.
  for (const file of FINISHER_SOURCES) hash.update(readFileSync(file));
  return hash.digest('hex').slice(0, 32);
}

/**
 * Generous bound per chunk: a healthy build lays out several pages a second, but a machine shared
 * with other heavy jobs was seen to be five times slower (a chunk of 8 items took over 165 s).
 */
export const chunkTimeoutMs = (items: number): number => 180_000 + items * 40_000;

async function buildPaper(book: Book, ctx: TargetContext, paper: Paper, file: string, concurrency: number): Promise<PageFacts> {
  const folder = join(ctx.cacheDir, `work-${paper}`);
  const print = renderPrintBook(book, paper);
  const key = stagePrintFolder(print, folder, ctx.projectRoot);
  const cachedPdf = join(ctx.cacheDir, `${key}.pdf`);
  const cachedFacts = join(ctx.cacheDir, `${key}.json`);
  if (existsSync(cachedPdf) && existsSync(cachedFacts)) {
    cpSync(cachedPdf, join(ctx.outDir, file));
    ctx.log(`pdf ${paper}: unchanged, reused ${file}`);
    return JSON.parse(readFileSync(cachedFacts, 'utf8')) as PageFacts;
  }
  let lastLog = 0;
  const { pdf, facts } = await paginateBook({
    folder,
    host: PRINT_HOST,
    chunks: print.chunks.map((c) => ({ file: c.file, startsRight: c.startsRight, timeoutMs: chunkTimeoutMs(c.items.length) })),
    browser: await ctx.browser(),
    concurrency,
    onProgress: (pages, chunks, seconds) => {
      if (seconds - lastLog >= 5) {
        lastLog = seconds;
        ctx.log(`pdf ${paper}: ${pages} pages laid out (${chunks}/${print.chunks.length} chunks), ${seconds.toFixed(0)} s`);
      }
    },
  });
  const final = await setPdfMetadata(pdf, { title: book.title, subject: book.subtitle, author: 'The ML/AI Interview Prep Guide authors', language: 'en-US', date: book.date });
  writeFileSync(cachedPdf, final);
  writeFileSync(cachedFacts, JSON.stringify(facts));
  cpSync(cachedPdf, join(ctx.outDir, file));
  ctx.log(`pdf ${paper}: ${facts.pageCount} pages, layout ${facts.layoutSeconds.toFixed(1)} s, print ${facts.printSeconds.toFixed(1)} s`);
  return facts;
}

export const pdfTarget: Target = {
  name: 'pdf',
  async build(book, ctx) {
    mkdirSync(ctx.cacheDir, { recursive: true });
    // Both papers at once in the one browser, each in at least two tabs: a core per paper would
    // do, but two parts per paper build the book the way `npm run bench:pdf` times it (runs laid
    // out and printed in parallel tabs, then merged), so the tests cover that path.
    const tabsPerPaper = Math.max(2, Math.floor(availableParallelism() / PAPERS.length));
    const [letter] = await Promise.all(PAPERS.map(({ paper, file }) => buildPaper(book, ctx, paper, file, tabsPerPaper)));
    ctx.shared.set(LETTER_FACTS, letter);
    const { pageCount, itemPages, anchorPages, blankPages } = letter!;
    writeFileSync(join(ctx.outDir, 'pages.json'), `${JSON.stringify({ paper: 'letter', pageCount, itemPages, anchorPages, blankPages }, null, 1)}\n`);
  },
};
