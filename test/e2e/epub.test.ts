/**
 * Both EPUB editions of the real book, checked the way publishers and reading systems check
 * them: the zip as a reading system opens it, epubcheck, DAISY Ace, every item and diagram in
 * the XHTML, the navigation and page-list, and a second build that must give the same bytes.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { execFile, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadBook } from '../../scripts/lib/load/loader.ts';
import { resolveBuildDate } from '../../scripts/lib/build-date.ts';
import type { Book } from '../../scripts/lib/model.ts';
import { EPUB_FILES } from '../../scripts/lib/targets/epub.ts';
import { PROJECT_ROOT } from '../helpers/fixture.ts';
import { readZip, type ZipEntry } from '../helpers/zip.ts';
import { allElements, parseXml } from '../helpers/xml.ts';

const EPUB_NS = 'http://www.idpf.org/2007/ops';
// The date every other build of this checkout uses (the last commit's), given explicitly so that
// both builds here agree even if a commit lands in between; the PDF's cache is shared with them.
const EPOCH = String(Math.floor(resolveBuildDate({}, PROJECT_ROOT).getTime() / 1000));
const DIST = join(PROJECT_ROOT, 'dist/epub');
const editions = ['mathml', 'kindle'] as const;
type Edition = (typeof editions)[number];

interface Run { code: number | null; stdout: string; stderr: string }
function run(command: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<Run> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd: PROJECT_ROOT, env, maxBuffer: 64 * 1024 * 1024, timeout: 40 * 60_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }));
  });
}
const build = (...extra: string[]) => spawnSync('npm', ['run', 'build', '--', 'epub', '--skip-python', ...extra], {
  cwd: PROJECT_ROOT, encoding: 'utf8', env: { ...process.env, SOURCE_DATE_EPOCH: EPOCH },
});
const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

let book: Book;
let pages: { itemPages: Record<string, number> };
let work: string;
const copies = {} as Record<Edition, string>;
const entries = {} as Record<Edition, ZipEntry[]>;
const checks = {} as Record<Edition, { epubcheck: Promise<Run & { report: string }>; ace: Promise<Run & { report: string }> }>;

beforeAll(async () => {
  const first = build();
  expect(first.status, `${first.stdout}\n${first.stderr}`).toBe(0);
  const loaded = await loadBook({ root: PROJECT_ROOT, date: new Date(Number(EPOCH) * 1000) });
  if (!loaded.ok) throw new Error('content does not load');
  book = loaded.book;
  pages = JSON.parse(readFileSync(join(PROJECT_ROOT, 'dist/pdf/pages.json'), 'utf8'));
  // The checkers read copies: other tests may rebuild dist/ while they run.
  work = mkdtempSync(join(tmpdir(), 'epub-e2e-'));
  for (const edition of editions) {
    copies[edition] = join(work, EPUB_FILES[edition]);
    cpSync(join(DIST, EPUB_FILES[edition]), copies[edition]);
    entries[edition] = readZip(readFileSync(copies[edition]));
  }
  // epubcheck and Ace take minutes on the whole book: all four start now and run side by side.
  for (const edition of editions) {
    const epubcheckReport = join(work, `${edition}-epubcheck.json`);
    const aceReport = join(work, `${edition}-ace`);
    checks[edition] = {
      epubcheck: run('java', ['-jar', '/usr/share/java/epubcheck.jar', copies[edition], '--json', epubcheckReport]).then((r) => ({ ...r, report: epubcheckReport })),
      // Ace's own puppeteer drives the system Chromium (it adds --no-sandbox itself).
      ace: run(join(PROJECT_ROOT, 'node_modules/.bin/ace-cli'), ['-E', '-f', '-s', '-T', '1200000', '-o', aceReport, copies[edition]],
        { ...process.env, PUPPETEER_EXECUTABLE_PATH: process.env['CHROME_PATH'] ?? '/usr/lib/chromium/chromium' }).then((r) => ({ ...r, report: aceReport })),
    };
  }
});

const xhtmlOf = (edition: Edition) => entries[edition].filter((e) => e.name.endsWith('.xhtml'));
const parsed = new Map<string, ReturnType<typeof parseXml>>();
/** Every XHTML document of an edition, parsed (strictly: a well-formedness error throws). */
function documentsOf(edition: Edition): { name: string; doc: ReturnType<typeof parseXml> }[] {
  return xhtmlOf(edition).map((e) => {
    const key = `${edition}:${e.name}`;
    if (!parsed.has(key)) parsed.set(key, parseXml(e.data.toString('utf8'), e.name));
    return { name: e.name, doc: parsed.get(key)! };
  });
}
const idIndex = new Map<Edition, Map<string, { file: string; element: Element }>>();
/** The element with this id in an edition, and the file (relative to the text folder) that holds it. */
function byId(edition: Edition, id: string): { file: string; element: Element } | undefined {
  if (!idIndex.has(edition)) {
    const index = new Map<string, { file: string; element: Element }>();
    for (const { name, doc } of documentsOf(edition)) {
      for (const element of allElements(doc)) {
        const elementId = element.getAttribute('id');
        if (elementId) index.set(elementId, { file: name.replace('EPUB/text/', ''), element });
      }
    }
    idIndex.set(edition, index);
  }
  return idIndex.get(edition)!.get(id);
}
const squash = (s: string | null) => (s ?? '').replace(/\s+/g, ' ').trim();

describe('the EPUB editions', () => {
  it('are zips with mimetype first, stored, without an extra field', () => {
    for (const edition of editions) {
      expect(existsSync(join(DIST, EPUB_FILES[edition])), edition).toBe(true);
      expect(entries[edition][0], edition).toMatchObject({ name: 'mimetype', method: 0, localExtraLength: 0, localHeaderOffset: 0 });
      expect(entries[edition][0]!.data.toString()).toBe('application/epub+zip');
    }
  });

  it('hold every item id and title and every diagram id, in well-formed XHTML', () => {
    for (const edition of editions) {
      for (const item of book.items) {
        const section = byId(edition, `item-${item.id}`);
        expect(section, `${edition} ${item.id}`).toBeDefined();
        const h1 = (Array.from(section!.element.getElementsByTagName('h1')) as unknown as Element[])[0];
        expect(squash(h1?.textContent ?? ''), `${edition} ${item.id}`).toBe(squash(`${item.id} ${item.title}`));
      }
      for (const diagram of book.diagramsById.values()) expect(byId(edition, diagram.id)?.element.localName, `${edition} ${diagram.id}`).toBe('figure');
    }
  });

  it('list every item in the navigation, and have a page-list entry per item at its Letter page', () => {
    for (const edition of editions) {
      const nav = documentsOf(edition).find((d) => d.name === 'EPUB/text/nav.xhtml')!.doc;
      const navs = allElements(nav).filter((e) => e.localName === 'nav');
      const links = (type: string) => Array.from(navs.find((n) => n.getAttributeNS(EPUB_NS, 'type') === type)!.getElementsByTagName('a')) as unknown as Element[];
      const toc = links('toc').map((a) => a.getAttribute('href'));
      const pageList = links('page-list').map((a) => ({ page: Number(a.textContent), href: a.getAttribute('href') ?? '' }));
      for (const item of book.items) {
        const { file, element } = byId(edition, `item-${item.id}`)!;
        expect(toc, `${edition} ${item.id}`).toContain(`${file}#item-${item.id}`);
        const marker = (Array.from(element.getElementsByTagName('span')) as unknown as Element[]).find((e) => e.getAttributeNS(EPUB_NS, 'type') === 'pagebreak');
        expect(marker?.getAttribute('aria-label'), `${edition} ${item.id}`).toBe(String(pages.itemPages[item.id]));
        expect(pageList, `${edition} ${item.id}`).toContainEqual({ page: pages.itemPages[item.id], href: `${file}#${marker!.getAttribute('id')}` });
      }
    }
  });

  it('draw every formula of the Kindle edition as an image file (or simple text), never MathML', () => {
    const names = new Set(entries.kindle.map((e) => e.name));
    let images = 0;
    for (const entry of xhtmlOf('kindle')) {
      const xhtml = entry.data.toString('utf8');
      expect(xhtml, entry.name).not.toContain('<math');
      for (const m of xhtml.matchAll(/<img class="math-img[^"]*" src="\.\.\/(math\/[0-9a-f]+\.svg)" alt="[^"]+"/g)) {
        expect(names.has(`EPUB/${m[1]}`), m[1]).toBe(true);
        images += 1;
      }
    }
    expect(images).toBeGreaterThan(1000);
    // The MathML edition has the same formulas as MathML.
    const maths = xhtmlOf('mathml').reduce((n, e) => n + (e.data.toString('utf8').match(/<math /g)?.length ?? 0), 0);
    expect(maths).toBeGreaterThan(images);
  });
});

describe('checkers', () => {
  for (const edition of editions) {
    it(`epubcheck finds no error and no warning in the ${edition} edition`, async () => {
      const result = await checks[edition].epubcheck;
      const report = JSON.parse(readFileSync(result.report, 'utf8')) as { checker: Record<string, number>; messages: { ID: string; message: string; locations: { path: string; line: number }[] }[] };
      const messages = report.messages.map((m) => `${m.ID} ${m.message} at ${m.locations.map((l) => `${l.path}:${l.line}`).join(', ')}`);
      expect(messages).toEqual([]);
      expect([report.checker['nFatal'], report.checker['nError'], report.checker['nWarning']]).toEqual([0, 0, 0]);
      expect(result.code, result.stderr).toBe(0);
    }, 40 * 60_000);

    it(`DAISY Ace reports no violation in the ${edition} edition`, async () => {
      const result = await checks[edition].ace;
      const report = JSON.parse(readFileSync(join(result.report, 'report.json'), 'utf8')) as {
        'earl:result': { 'earl:outcome': string };
        assertions: { 'earl:testSubject': { url: string }; assertions: { 'earl:test': { 'dct:title': string }; 'earl:result': { 'earl:outcome': string; html?: string } }[] }[];
        'a11y-metadata': { present: string[] };
      };
      const violations = report.assertions.flatMap((doc) => doc.assertions
        .filter((a) => a['earl:result']['earl:outcome'] === 'fail')
        .map((a) => `${doc['earl:testSubject'].url}: ${a['earl:test']['dct:title']} ${a['earl:result'].html?.slice(0, 120) ?? ''}`));
      expect(violations).toEqual([]);
      expect(report['earl:result']['earl:outcome']).toBe('pass');
      expect(report['a11y-metadata'].present).toEqual(expect.arrayContaining(['schema:accessMode', 'schema:accessibilityFeature', 'schema:accessibilityHazard', 'schema:accessibilitySummary', 'schema:accessModeSufficient']));
      expect(result.code, result.stderr).toBe(0);
    }, 40 * 60_000);
  }
});

describe('reproducibility', () => {
  it('gives byte-identical EPUBs when built again, from a cold EPUB cache, with the same SOURCE_DATE_EPOCH', () => {
    // A second book root with the same content and the PDF's cache (so the Letter PDF is not
    // paginated again) but no EPUB cache: formula images and the cover are drawn afresh.
    const root = join(work, 'again');
    cpSync(join(PROJECT_ROOT, 'content'), join(root, 'content'), { recursive: true });
    cpSync(join(PROJECT_ROOT, '.cache/pdf'), join(root, '.cache/pdf'), { recursive: true, filter: (src) => !/[\\/]work-[^\\/]*$/.test(src) });
    const second = build('--content', root);
    expect(second.status, `${second.stdout}\n${second.stderr}`).toBe(0);
    expect(second.stdout).toMatch(/formulas as images for the Kindle edition, [1-9]\d* drawn, 0 cached/);
    for (const edition of editions) expect(sha256(join(root, 'dist/epub', EPUB_FILES[edition])), edition).toBe(sha256(copies[edition]));
  }, 20 * 60_000);
});
