/**
 * The PDF workbook, checked the way a reader's tools see it: pdftotext, qpdf, pdffonts, pdfinfo.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadBook } from '../../scripts/lib/load/loader.ts';
import type { Book } from '../../scripts/lib/model.ts';
import { renderPrintBook } from '../../scripts/lib/pdf/print-html.ts';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, PDFRef } from 'pdf-lib';
import { PROJECT_ROOT } from '../helpers/fixture.ts';

const PDF = join(PROJECT_ROOT, 'dist/pdf/ml-interview-prep-guide.pdf');
const A4 = join(PROJECT_ROOT, 'dist/pdf/ml-interview-prep-guide-a4.pdf');
/** Text as pdftotext gives it, made comparable: line-end hyphens joined, hyphens and soft hyphens dropped, spaces collapsed. */
const norm = (s: string) => s.replace(/\u00ad/g, '').replace(/-\s*\n\s*/g, '').replace(/-/g, '').replace(/\s+/g, '');
/** The same, but keeping one space between words (so adjacent numbers stay apart). */
const spaced = (s: string) => s.replace(/\u00ad/g, '').replace(/\s+/g, ' ');
const text = (file: string, first?: number, last?: number) =>
  execFileSync('pdftotext', [...(first ? ['-f', String(first), '-l', String(last ?? first)] : []), '-enc', 'UTF-8', file, '-'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
/** Each page's non-empty lines as laid out (pdftotext -layout), spaces collapsed, without the page-number footer. */
const laidOutLines = new Map<string, string[][]>();
const pageLines = (file: string): string[][] => {
  if (!laidOutLines.has(file)) {
    laidOutLines.set(file, execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 })
      .split('\f').map((page) => {
        const lines = page.split('\n').map((l) => l.replace(/\s+/g, ' ').trim()).filter(Boolean);
        if (/^\d+$/.test(lines[lines.length - 1] ?? '')) lines.pop();
        return lines;
      }));
  }
  return laidOutLines.get(file)!;
};
/** The text of every heading the print book has (h1-h4, including the solution file heading). */
function headingTexts(book: Book): Set<string> {
  const entities: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };
  const texts = new Set<string>();
  for (const chunk of renderPrintBook(book, 'letter').chunks) {
    for (const m of chunk.body.matchAll(/<(h[1-4])\b[^>]*>([\s\S]*?)<\/\1>/g)) {
      const t = m[2]!.replace(/<[^>]+>/g, '').replace(/&(amp|lt|gt|quot|#39);/g, (e) => entities[e]!).replace(/\s+/g, ' ').trim();
      if (t) texts.add(t);
    }
  }
  return texts;
}

/** Where items and chapters start, and which pages are blank, read from a built PDF (its named destinations and text). */
async function pageFactsOf(file: string): Promise<{ pageCount: number; itemPages: Record<string, number>; anchorPages: Record<string, number>; blankPages: number[] }> {
  const doc = await PDFDocument.load(readFileSync(file), { updateMetadata: false });
  const N = (n: string) => PDFName.of(n);
  const pageIndex = new Map(doc.getPages().map((p, i) => [p.ref.toString(), i + 1]));
  const dests = doc.context.lookup(doc.catalog.get(N('Dests'))) as PDFDict;
  const itemPages: Record<string, number> = {};
  const anchorPages: Record<string, number> = {};
  for (const [key, value] of dests.entries()) {
    const dest = doc.context.lookup(value);
    const page = dest instanceof PDFArray ? pageIndex.get((dest.get(0) as PDFRef).toString()) : undefined;
    const name = key.decodeText();
    if (!page) continue;
    if (name.startsWith('item-')) itemPages[name.slice(5)] = page;
    else if (/^(section-|guide-|topic-index$|contents$)/.test(name)) anchorPages[name] = page;
  }
  const texts = text(file).split('\f').slice(0, doc.getPageCount());
  return { pageCount: doc.getPageCount(), itemPages, anchorPages, blankPages: texts.map((t, i) => (t.trim() ? 0 : i + 1)).filter(Boolean) };
}

let book: Book;
let pages: { pageCount: number; itemPages: Record<string, number>; anchorPages: Record<string, number>; blankPages: number[] };
let pageTexts: string[];

beforeAll(async () => {
  const run = spawnSync('npm', ['run', 'build', '--', 'pdf', '--skip-python'], { cwd: PROJECT_ROOT, encoding: 'utf8' });
  expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
  const loaded = await loadBook({ root: PROJECT_ROOT, date: new Date(0) });
  if (!loaded.ok) throw new Error('content does not load');
  book = loaded.book;
  pages = JSON.parse(readFileSync(join(PROJECT_ROOT, 'dist/pdf/pages.json'), 'utf8'));
  pageTexts = text(PDF).split('\f');
});

describe('the PDF workbook', () => {
  it('exists in Letter and A4 with the right page sizes and metadata', () => {
    expect(existsSync(A4)).toBe(true);
    const letter = execFileSync('pdfinfo', [PDF], { encoding: 'utf8' });
    expect(letter).toMatch(/Page size:\s+612 x 792 pts \(letter\)/);
    expect(letter).toMatch(/Title:\s+ML\/AI Interview Prep Guide/);
    expect(letter).toMatch(/Author:\s+\S/);
    expect(letter).toMatch(/Tagged:\s+yes/);
    expect(letter).toMatch(new RegExp(`Pages:\\s+${pages.pageCount}\\b`));
    expect(execFileSync("pdfinfo", [A4], { encoding: "utf8" })).toMatch(/Page size:\s+59[45](\.\d+)? x 84[12](\.\d+)? pts \(A4\)/);
  });

  it('contains every item id and title and every diagram caption', () => {
    const all = norm(pageTexts.join(' '));
    for (const item of book.items) {
      expect(all, item.id).toContain(norm(`${item.id} ${item.title}`));
      for (const d of item.diagrams) expect(all, d.id).toContain(norm(`Figure ${d.itemId}.${d.number} ${d.caption}`));
    }
  });

  it('starts each item on the page the contents name for it', () => {
    const contentsFrom = pages.anchorPages['contents']!;
    const contentsTo = Math.min(...Object.values(pages.anchorPages).filter((p) => p > contentsFrom)) - 1;
    const contents = spaced(pageTexts.slice(contentsFrom - 1, contentsTo).join(' '));
    for (const item of book.items) {
      const page = pages.itemPages[item.id]!;
      expect(page, item.id).toBeGreaterThan(0);
      // In the contents: the entry from this id to the next one holds that page number
      // (pdftotext may put a wrapped title's page number before the title's second line).
      const at = contents.indexOf(`${item.id} `);
      expect(at, `${item.id} missing from the contents`).toBeGreaterThanOrEqual(0);
      const next = book.items[book.items.indexOf(item) + 1];
      const stop = next ? contents.indexOf(`${next.id} `, at + 3) : -1;
      const entry = contents.slice(at + 3, stop > at ? stop : undefined);
      expect(entry, `${item.id} contents entry`).toMatch(new RegExp(`(?<!\\d)${page}(?!\\d)`));
      // On that page: the item's heading.
      expect(norm(pageTexts[page - 1]!), `${item.id} on p. ${page}`).toContain(norm(`${item.id} ${item.title}`));
    }
  });

  it('prints every part of every item between its first page and the next item', () => {
    const starts = book.items.map((i) => pages.itemPages[i.id]!);
    book.items.forEach((item, n) => {
      const last = (starts[n + 1] ?? pages.pageCount + 1) - 1;
      const span = norm(pageTexts.slice(starts[n]! - 1, last).join(' '));
      for (const part of item.parts) expect(span, `${item.id}: ${part.heading}`).toContain(norm(part.heading));
      for (const d of item.diagrams) expect(span, `${item.id}: ${d.id}`).toContain(norm(`Figure ${d.itemId}.${d.number}`));
    });
  });

  it('has an outline entry for every section, with one entry per item under it, in book order', () => {
    const json = JSON.parse(execFileSync('qpdf', ['--json', '--json-key=outlines', PDF], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }));
    type Entry = { title: string; kids: Entry[] };
    const top = json.outlines as Entry[];
    // The parts of the book are printed apart and merged: an item outside its section's entry
    // would mean the merge lost the nesting where a part starts inside a section.
    expect(top.filter((e) => /^[A-Z]\d\d /.test(e.title)).map((e) => e.title)).toEqual([]);
    for (const section of book.sections.filter((s) => s.items.length)) {
      const entry = top.find((e) => e.title === section.title);
      expect(entry, section.title).toBeDefined();
      expect(entry!.kids.map((k) => k.title.split(' ')[0]), section.title).toEqual(section.items.map((i) => i.id));
    }
  });

  it('embeds every font', () => {
    const fonts = execFileSync('pdffonts', [PDF], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean);
    expect(fonts.length).toBeGreaterThan(5);
    for (const line of fonts) expect(line, line).toMatch(/\s+yes\s+yes\s+(yes|no)\s+\d+\s+\d+\s*$/);
    expect(fonts.some((l) => l.includes('KaTeX_Main'))).toBe(true);
  });

  it('has no blank page except deliberate left-hand ones before a right-hand opening', () => {
    const openings = new Set(Object.values(pages.anchorPages));
    const blank = pageTexts.slice(0, pages.pageCount).map((t, i) => (t.trim() === '' ? i + 1 : 0)).filter(Boolean);
    for (const p of blank) {
      expect(p % 2, `blank page ${p} is a right-hand page`).toBe(0);
      const next = p + 1;
      const opensChapter = openings.has(next) || next === 3; // the title page follows the cover's blank verso
      expect(opensChapter, `blank page ${p} is not followed by a chapter opening`).toBe(true);
    }
  });

  it('sets running heads on every page of every section: the section on the left, an item on the right (Letter and A4)', async () => {
    for (const file of [PDF, A4]) {
      const facts = file === PDF ? pages : await pageFactsOf(file);
      const lines = pageLines(file);
      const starts = [...Object.values(facts.anchorPages), facts.pageCount + 1].sort((a, b) => a - b);
      let checked = 0;
      for (const section of book.sections.filter((s) => s.items.length)) {
        const first = facts.itemPages[section.items[0]!.id]!;
        const end = starts.find((p) => p > first)!;
        for (let p = first; p < end; p++) {
          if (facts.blankPages.includes(p)) continue;
          const top = lines[p - 1]!.slice(0, 2).join(' ');
          if (p % 2 === 0) expect(top, `${file} page ${p}`).toContain(section.title.toUpperCase());
          else expect(top, `${file} page ${p}`).toMatch(/^(continued )?[A-Z]\d\d /);
          checked += 1;
        }
      }
      expect(checked).toBeGreaterThan(facts.pageCount / 2);
    }
  });

  it('never ends a page with a heading (Letter and A4)', () => {
    const headings = headingTexts(book);
    expect(headings.size).toBeGreaterThan(300);
    expect(headings).toContain('Key points');
    for (const file of [PDF, A4]) {
      const stranded = pageLines(file).flatMap((lines, i) => (lines.length > 3 && headings.has(lines[lines.length - 1]!) ? [`p. ${i + 1}: ${lines[lines.length - 1]}`] : []));
      expect(stranded, file).toEqual([]);
    }
  });

  it('marks every code block split across pages at the foot of one page and the head of the next', () => {
    const lines = pageLines(PDF);
    const foot = lines.flatMap((page, i) => (page.slice(-3).some((l) => l.endsWith('continued on next page')) ? [i] : []));
    expect(foot.length).toBeGreaterThan(5);
    // The next page opens with the mark (pdftotext may set it on the running head's line).
    const head = lines.flatMap((page, i) => (page.slice(0, 3).some((l) => /(^|\s)continued$/.test(l)) ? [i] : []));
    expect(head).toEqual(foot.map((i) => i + 1));
  });

  it('prints every line of every solution.py, in order, within its item', () => {
    // Layout text: plain pdftotext moves aligned end-of-line comments away from their code.
    const laidOut = pageLines(PDF).map((lines) => lines.join('\n'));
    const starts = book.items.map((i) => pages.itemPages[i.id]!);
    book.items.forEach((item, n) => {
      if (!item.solution) return;
      const span = norm(laidOut.slice(starts[n]! - 1, (starts[n + 1] ?? pages.pageCount + 1) - 1).join(' '));
      let from = 0;
      for (const line of item.solution.text.split('\n').filter((l) => norm(l))) {
        const at = span.indexOf(norm(line), from);
        expect(at, `${item.id} solution.py: ${line.trim()}`).toBeGreaterThanOrEqual(0);
        from = at + norm(line).length;
      }
    });
  });

  it('has links that all reach a destination, the item destinations on the item pages, and one consistent structure tree', async () => {
    // The Letter PDF is printed in parts and merged (scripts/lib/pdf/merge.ts): this is what a merge can get wrong.
    const doc = await PDFDocument.load(readFileSync(PDF), { updateMetadata: false });
    const ctx = doc.context;
    const N = (n: string) => PDFName.of(n);
    const pageIndex = new Map(doc.getPages().map((p, i) => [p.ref.toString(), i + 1]));
    const dests = ctx.lookup(doc.catalog.get(N('Dests'))) as PDFDict;
    const destPage = (name: string) => {
      const dest = ctx.lookup(dests.get(N(name)));
      return dest instanceof PDFArray ? pageIndex.get((dest.get(0) as PDFRef).toString()) : undefined;
    };
    for (const item of book.items) expect(destPage(`item-${item.id}`), item.id).toBe(pages.itemPages[item.id]);
    const linked: string[] = [];
    const structParents: number[] = [];
    for (const page of doc.getPages()) {
      const sp = ctx.lookup(page.node.get(N('StructParents')));
      if (sp instanceof PDFNumber) structParents.push(sp.asNumber());
      const annots = ctx.lookup(page.node.get(N('Annots')));
      for (const a of annots instanceof PDFArray ? annots.asArray() : []) {
        const dest = (ctx.lookup(a) as PDFDict).get(N('Dest'));
        if (dest instanceof PDFName) linked.push(dest.decodeText());
      }
    }
    // The contents alone link every item.
    expect(linked.length).toBeGreaterThan(book.items.length);
    expect(linked.filter((name) => destPage(name) === undefined)).toEqual([]);
    // Every page with content (all but the deliberate blank ones) is in the parent tree under its
    // own key, and no key is used twice.
    const empty = pageTexts.slice(0, pages.pageCount).flatMap((t, i) => (t.trim() ? [] : [i]));
    expect(structParents.length).toBe(pages.pageCount - empty.length);
    expect(new Set(structParents).size).toBe(structParents.length);
    const tree = ctx.lookup(doc.catalog.get(N('StructTreeRoot'))) as PDFDict;
    const nums = (ctx.lookup((ctx.lookup(tree.get(N('ParentTree'))) as PDFDict).get(N('Nums'))) as PDFArray).asArray();
    const keys = nums.filter((_, i) => i % 2 === 0).map((k) => (k as PDFNumber).asNumber());
    expect(new Set(keys).size).toBe(keys.length);
    for (const sp of structParents) expect(keys).toContain(sp);
    expect((ctx.lookup(tree.get(N('ParentTreeNextKey'))) as PDFNumber).asNumber()).toBeGreaterThan(Math.max(...keys));
  });

  it('prints page numbers for cross-references and the index', () => {
    const all = norm(pageTexts.join(' '));
    expect(all).not.toMatch(/p\.000(?!\d)/);
    const index = norm(pageTexts.slice(pages.anchorPages['topic-index']! - 1).join(' '));
    const someItem = book.items[0]!;
    expect(index).toContain(norm(`${someItem.id} (p. ${pages.itemPages[someItem.id]})`));
  });
});
