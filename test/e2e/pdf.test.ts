/**
 * The PDF workbook, checked the way a reader's tools see it: pdftotext, qpdf, pdffonts, pdfinfo.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadBook } from '../../scripts/lib/load/loader.ts';
import type { Book } from '../../scripts/lib/model.ts';
import { PROJECT_ROOT } from '../helpers/fixture.ts';

const PDF = join(PROJECT_ROOT, 'dist/pdf/ml-interview-prep-guide.pdf');
const A4 = join(PROJECT_ROOT, 'dist/pdf/ml-interview-prep-guide-a4.pdf');
/** Text as pdftotext gives it, made comparable: line-end hyphens joined, hyphens and soft hyphens dropped, spaces collapsed. */
const norm = (s: string) => s.replace(/\u00ad/g, '').replace(/-\s*\n\s*/g, '').replace(/-/g, '').replace(/\s+/g, '');
/** The same, but keeping one space between words (so adjacent numbers stay apart). */
const spaced = (s: string) => s.replace(/\u00ad/g, '').replace(/\s+/g, ' ');
const text = (file: string, first?: number, last?: number) =>
  execFileSync('pdftotext', [...(first ? ['-f', String(first), '-l', String(last ?? first)] : []), '-enc', 'UTF-8', file, '-'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });

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

  it('has an outline entry for every section and item', () => {
    const json = JSON.parse(execFileSync('qpdf', ['--json', '--json-key=outlines', PDF], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }));
    const titles: string[] = [];
    const walk = (nodes: { title: string; kids: unknown[] }[]) => nodes.forEach((n) => { titles.push(n.title); walk(n.kids as never); });
    walk(json.outlines);
    for (const item of book.items) expect(titles.some((t) => t.startsWith(`${item.id} `)), item.id).toBe(true);
    for (const section of book.sections) expect(titles, section.title).toContain(section.title);
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

  it('prints page numbers for cross-references and the index', () => {
    const all = norm(pageTexts.join(' '));
    expect(all).not.toMatch(/p\.000(?!\d)/);
    const index = norm(pageTexts.slice(pages.anchorPages['topic-index']! - 1).join(' '));
    const someItem = book.items[0]!;
    expect(index).toContain(norm(`${someItem.id} (p. ${pages.itemPages[someItem.id]})`));
  });
});
