/**
 * The print finisher on a small synthetic book, in two layout tabs: the book is cut inside a
 * chapter, so the second part must carry on the page numbers, the parity, the running heads,
 * the outline under the first part's chapter, the page references and the links across parts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFString, PDFHexString, PDFRef } from 'pdf-lib';
import { closeBrowser, getBrowser } from '../../scripts/lib/browser.ts';
import { elementCount, paginateBook, planRuns, type PageFacts } from '../../scripts/lib/pdf/paginate.ts';
import { LAYOUT_SCRIPTS } from '../../scripts/lib/pdf/print-html.ts';
import { packageDir } from '../../scripts/lib/assets.ts';
import { PROJECT_ROOT } from '../helpers/fixture.ts';

const CSS = `@page { size: A6; margin: 14mm 10mm; @bottom-center { content: counter(page); } }
@page :left { @top-left { content: string(section); } }
@page :blank { @top-left { content: none; } @bottom-center { content: none; } }
.chapter { break-before: right; }
.chapter h1 { string-set: section content(text); }
article { break-before: page; }
p { margin: 0 0 4mm; }`;

/** A table with header cells: Chromium gives them structure IDs that the data cells point to. */
const table = (k: string) => `<table><thead><tr><th>${k} key</th><th>${k} value</th></tr></thead><tbody><tr><td>1</td><td>2</td></tr></tbody></table>`;
const paragraphs = (n: number, text: string) => Array.from({ length: n }, (_, i) => `<p>${text} ${i + 1}.</p>`).join('\n');
/**
 * Chapter A in three chunks, then chapter B. Chapter A's opening fills one page, so chunk 1, laid
 * out from a right-hand page, starts on a left-hand one; the weights put the cut between chunks 1
 * and 2, inside chapter A.
 */
const CHUNKS = [
  { body: `<section class="chapter" id="chapter-a"><h1>Chapter A</h1>${paragraphs(8, 'Opening of chapter A')}</section>`, startsRight: true },
  { body: `<article id="item-A1"><h2>A1 First item</h2><p>See <a href="#item-B1">B1</a>, p.&nbsp;<span class="page-ref" data-target="item-B1">000</span>.</p>${table('A1')}${paragraphs(30, 'A1 text')}</article>`, startsRight: false },
  { body: `<article id="item-A2"><h2>A2 Second item</h2><h3>A2 part</h3>${table('A2')}${paragraphs(25, 'A2 text')}</article>`, startsRight: false },
  { body: `<section class="chapter" id="chapter-b"><h1>Chapter B</h1><p>Back to <a href="#item-A1">A1</a>, p.&nbsp;<span class="page-ref" data-target="item-A1">000</span>.</p></section>` +
      `<article id="item-B1"><h2>B1 Only item</h2>${paragraphs(10, 'B1 text')}</article>`, startsRight: true },
];

const paginate = async () => paginateBook({
  folder, host: 'host.html', browser: await getBrowser(), concurrency: 2,
  chunks: CHUNKS.map((c, i) => ({ file: `chunk-${i}.html`, startsRight: c.startsRight, timeoutMs: 60_000 })),
});

const N = (n: string) => PDFName.of(n);
const title = (d: PDFDict) => (d.get(N('Title')) as PDFString | PDFHexString).decodeText();

let folder: string;
let pdfPath: string;
let pdfBytes: Uint8Array;
let facts: PageFacts;
let pageTexts: string[];

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'paginate-'));
  writeFileSync(join(folder, 'host.html'), `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Test book</title>
<link rel="stylesheet" href="book.css">${LAYOUT_SCRIPTS}</head><body></body></html>`);
  writeFileSync(join(folder, 'book.css'), CSS);
  copyFileSync(join(packageDir('pagedjs'), 'dist/paged.polyfill.js'), join(folder, 'paged.polyfill.js'));
  copyFileSync(join(PROJECT_ROOT, 'layouts/pdf/hooks.js'), join(folder, 'hooks.js'));
  CHUNKS.forEach((c, i) => writeFileSync(join(folder, `chunk-${i}.html`), c.body));
  const result = await paginate();
  facts = result.facts;
  pdfBytes = result.pdf;
  pdfPath = join(folder, 'book.pdf');
  writeFileSync(pdfPath, result.pdf);
  pageTexts = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', pdfPath, '-'], { encoding: 'utf8' }).split('\f').slice(0, -1);
});

afterAll(async () => {
  await closeBrowser();
  rmSync(folder, { recursive: true, force: true });
});

describe('the paginator', () => {
  it('cuts the book inside chapter A, before A2', () => {
    expect(planRuns(CHUNKS.map((c) => elementCount(c.body)), 2)).toEqual([0, 2]);
  });

  it('numbers the pages of both parts in one run, with a blank left-hand page before chapter B', () => {
    expect(pageTexts).toHaveLength(facts.pageCount);
    const folios = pageTexts.map((t) => Number(/(\d+)\s*$/.exec(t.trim())?.[1] ?? NaN));
    const blanks = new Set(facts.blankPages);
    folios.forEach((n, i) => { if (!blanks.has(i + 1)) expect(n, `folio of page ${i + 1}`).toBe(i + 1); });
    for (const [id, title] of [['A1', 'A1 First item'], ['A2', 'A2 Second item'], ['B1', 'B1 Only item']]) {
      expect(pageTexts[facts.itemPages[id!]! - 1], id).toContain(title);
    }
    const chapterB = pageTexts.findIndex((t) => t.includes('Back to A1')) + 1;
    expect(chapterB % 2, 'chapter B opens on a right-hand page').toBe(1);
    // Chapter A ends on a right-hand page, so a blank left-hand page comes before chapter B.
    expect(facts.blankPages).toEqual([chapterB - 1]);
    expect(pageTexts[chapterB - 2]!.trim()).toBe('');
  });

  it('fills in page references across parts, both ways', () => {
    const all = pageTexts.join('\n').replace(/\s+/g, ' ');
    expect(all).toContain(`See B1, p. ${facts.itemPages['B1']}.`);
    expect(all).toContain(`Back to A1, p. ${facts.itemPages['A1']}.`);
  });

  it('sets the chapter\'s running head on every left-hand page, in both parts and on pages that changed side', () => {
    expect(facts.itemPages['A1']).toBe(2);
    const chapterB = pageTexts.findIndex((t) => t.includes('Back to A1')) + 1;
    const evenPages = pageTexts.map((_, i) => i + 1).filter((p) => p % 2 === 0 && !facts.blankPages.includes(p));
    expect(evenPages.length).toBeGreaterThanOrEqual(3);
    for (const p of evenPages) expect(pageTexts[p - 1], `page ${p}`).toMatch(new RegExp(`^\\s*Chapter ${p < chapterB ? 'A' : 'B'}\\s*\\n`));
    // A2 opens the second part on a right-hand page; the left-hand page after it is in that part.
    expect(facts.itemPages['A2']! % 2).toBe(1);
    expect(evenPages).toContain(facts.itemPages['A2']! + 1);
  });

  it('nests the second part\'s first items under chapter A in the outline', async () => {
    const doc = await PDFDocument.load(execFileSync('cat', [pdfPath]), { updateMetadata: false });
    const ctx = doc.context;
    const children = (d: PDFDict) => {
      const out: PDFDict[] = [];
      for (let r = d.get(N('First')) as PDFRef | undefined; r; r = (ctx.lookup(r) as PDFDict).get(N('Next')) as PDFRef | undefined) out.push(ctx.lookup(r) as PDFDict);
      return out;
    };
    const root = ctx.lookup(doc.catalog.get(N('Outlines'))) as PDFDict;
    const top = children(root);
    expect(top.map(title)).toEqual(['Chapter A', 'Chapter B']);
    expect(children(top[0]!).map(title)).toEqual(['A1 First item', 'A2 Second item']);
    expect(children(children(top[0]!)[1]!).map(title)).toEqual(['A2 part']);
    expect(children(top[1]!).map(title)).toEqual(['B1 Only item']);
    // /Count: every entry is open, so a parent counts all its descendants, and the root all entries.
    expect(top[0]!.get(N('Count'))?.toString()).toBe('3');
    expect(root.get(N('Count'))?.toString()).toBe('6');
    for (const entry of children(top[0]!)) expect(entry.get(N('Parent'))).toBe(root.get(N('First')));
  });

  it('keeps both cross-part links, each with a destination on its target\'s page', async () => {
    const doc = await PDFDocument.load(execFileSync('cat', [pdfPath]), { updateMetadata: false });
    const ctx = doc.context;
    const pages = doc.getPages();
    const dests = ctx.lookup(doc.catalog.get(N('Dests'))) as PDFDict;
    const found: Record<string, number> = {};
    pages.forEach((page) => {
      const annots = ctx.lookup(page.node.get(N('Annots')));
      if (!(annots instanceof PDFArray)) return;
      for (const a of annots.asArray()) {
        const dest = (ctx.lookup(a) as PDFDict).get(N('Dest'));
        const name = dest instanceof PDFName ? dest.decodeText() : (dest as PDFString | PDFHexString | undefined)?.decodeText();
        if (!name) continue;
        const target = ctx.lookup(dests.get(N(name))) as PDFArray | PDFDict;
        const array = target instanceof PDFDict ? (ctx.lookup(target.get(N('D'))) as PDFArray) : target;
        found[name] = pages.findIndex((p) => p.ref === array.get(0)) + 1;
      }
    });
    expect(found).toEqual({ 'item-B1': facts.itemPages['B1'], 'item-A1': facts.itemPages['A1'] });
  });

  it('has one ID tree naming each table header cell once, and every data cell\'s headers in it', async () => {
    const doc = await PDFDocument.load(execFileSync('cat', [pdfPath]), { updateMetadata: false });
    const ctx = doc.context;
    const tree = ctx.lookup(doc.catalog.get(N('StructTreeRoot'))) as PDFDict;
    const leaf = ctx.lookup(((ctx.lookup(tree.get(N('IDTree'))) as PDFDict).get(N('Kids')) as PDFArray).get(0)) as PDFDict;
    const names = (ctx.lookup(leaf.get(N('Names'))) as PDFArray).asArray();
    const ids = new Map<string, PDFDict>();
    for (let i = 0; i < names.length; i += 2) ids.set((names[i] as PDFString).decodeText(), ctx.lookup(names[i + 1]!) as PDFDict);
    expect(ids.size).toBe(4);
    // Named by the merge in storage order, not after Chromium's DOM node numbers (which change between runs).
    expect([...ids.keys()].sort()).toEqual(['p1s1', 'p1s2', 's1', 's2']);
    for (const [id, element] of ids) expect((element.get(N('ID')) as PDFString | PDFHexString).decodeText()).toBe(id);
    const headers: string[] = [];
    for (const [, object] of ctx.enumerateIndirectObjects()) {
      const a = object instanceof PDFDict ? ctx.lookup(object.get(N('A'))) : undefined;
      const list = a instanceof PDFArray ? a.asArray().map((x) => ctx.lookup(x)) : [a];
      for (const attrs of list) {
        const h = attrs instanceof PDFDict ? ctx.lookup(attrs.get(N('Headers'))) : undefined;
        if (h instanceof PDFArray) headers.push(...h.asArray().map((x) => (x as PDFString | PDFHexString).decodeText()));
      }
    }
    expect(headers.length).toBeGreaterThanOrEqual(4);
    for (const h of headers) expect(ids.has(h), h).toBe(true);
  });

  it('gives the same bytes when run again (Chromium\'s print time and node numbers do not leak into the PDF)', async () => {
    const again = await paginate();
    expect(again.pdf.length).toBe(pdfBytes.length);
    expect(Buffer.from(again.pdf).equals(Buffer.from(pdfBytes))).toBe(true);
  });
});
