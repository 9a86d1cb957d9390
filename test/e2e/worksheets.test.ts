/**
 * Worksheets, answer keys, the custom worksheet command and the flashcards, checked the way a
 * reader's tools see them: pdftotext, pdfinfo, pdffonts, qpdf's outline, a CSV parser.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadBook } from '../../scripts/lib/load/loader.ts';
import type { Book, Item } from '../../scripts/lib/model.ts';
import { answerParts, keyPoints } from '../../scripts/lib/worksheets/parts.ts';
import { answerBoxes } from '../../scripts/lib/worksheets/answer-space.ts';
import { ROLE_PRESETS } from '../../scripts/lib/worksheets/select.ts';
import { parseCsv } from '../helpers/csv.ts';
import { plainRuns, squash } from '../helpers/probes.ts';
import { PROJECT_ROOT } from '../helpers/fixture.ts';

const DIST = join(PROJECT_ROOT, 'dist/worksheets');
/** Text in drawing order (-raw): a line with a tall formula does not get its words reordered. */
const text = (file: string) => execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
const outline = (file: string): string[] => {
  const json = JSON.parse(execFileSync('qpdf', ['--json', '--json-key=outlines', file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }));
  const titles: string[] = [];
  const walk = (nodes: { title: string; kids: unknown[] }[]) => nodes.forEach((n) => { titles.push(n.title); walk(n.kids as never); });
  walk(json.outlines);
  return titles;
};
/** Ids of the items with an outline entry (a heading) in a PDF. */
const outlinedIds = (file: string) => outline(file).map((t) => /^([TSCMDP]\d{2}) /.exec(t)?.[1]).filter((id): id is string => Boolean(id));

let book: Book;
let workbook: { itemPages: Record<string, number> };
let index: { documents: Record<string, { pageCount: number; itemPages: Record<string, number> }> };
let buildLog: string;
const sections = () => book.sections.filter((s) => s.items.length);

function runWorksheet(args: string[]) {
  return spawnSync('npm', ['run', '--silent', 'worksheet', '--', ...args], { cwd: PROJECT_ROOT, encoding: 'utf8' });
}
const chosenIds = (stdout: string) => /^items: (.*)$/m.exec(stdout)?.[1]?.split(' ') ?? [];

beforeAll(async () => {
  const run = spawnSync('npm', ['run', 'build', '--', 'worksheets', 'flashcards', '--skip-python'], { cwd: PROJECT_ROOT, encoding: 'utf8' });
  expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
  buildLog = run.stdout;
  const loaded = await loadBook({ root: PROJECT_ROOT, date: new Date(0) });
  if (!loaded.ok) throw new Error('content does not load');
  book = loaded.book;
  workbook = JSON.parse(readFileSync(join(PROJECT_ROOT, 'dist/pdf/pages.json'), 'utf8'));
  index = JSON.parse(readFileSync(join(DIST, 'pages.json'), 'utf8'));
});

describe('section worksheets and answer keys', () => {
  it('exist for every section as tagged Letter PDFs with metadata, page numbers and embedded fonts', () => {
    for (const section of sections()) {
      for (const name of [section.key, `${section.key}-answer-key`]) {
        const file = join(DIST, `${name}.pdf`);
        const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
        expect(info, name).toMatch(/Page size:\s+612 x 792 pts \(letter\)/);
        expect(info, name).toMatch(/Tagged:\s+yes/);
        expect(info, name).toMatch(new RegExp(`Title:\\s+${section.title.replace(/[&]/g, '.')}: (practice worksheet|answer key)`));
        expect(info, name).toMatch(new RegExp(`Pages:\\s+${index.documents[`${name}.pdf`]!.pageCount}\\b`));
        const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean);
        for (const line of fonts) expect(line, `${name}: ${line}`).toMatch(/\s+yes\s+yes\s+(yes|no)\s+\d+\s+\d+\s*$/);
        expect(fonts.some((l) => /SourceSerif4/.test(l)), `${name} uses the book's serif`).toBe(true);
        // Every page carries its number (a line of its own in the text of the page).
        const pages = text(file).split('\f').slice(0, index.documents[`${name}.pdf`]!.pageCount);
        pages.forEach((page, i) => expect(new RegExp(`(^|\\n)\\s*${i + 1}\\s*(\\n|$)`).test(page), `${name} p. ${i + 1} number`).toBe(true));
      }
    }
  });

  it('hold every item in exactly one worksheet, its section\'s, each item starting on a page of its own', () => {
    const holders = new Map<string, string[]>();
    for (const section of sections()) {
      const file = join(DIST, `${section.key}.pdf`);
      for (const id of outlinedIds(file)) holders.set(id, [...(holders.get(id) ?? []), section.key]);
      const pages = index.documents[`${section.key}.pdf`]!.itemPages;
      const texts = text(file).split('\f');
      let previous = 0;
      section.items.forEach((item, n) => {
        const page = pages[item.id]!;
        expect(page, `${item.id} starts after the item before it`).toBeGreaterThan(previous);
        // Answer boxes are sized to their pages: no item runs onto a third page.
        const next = section.items[n + 1] ? pages[section.items[n + 1]!.id]! : index.documents[`${section.key}.pdf`]!.pageCount + 1;
        expect(next - page, `${item.id} takes ${next - page} pages`).toBeLessThanOrEqual(2);
        // A written answer with one box fits on the question's page.
        if (item.kind === 'question' && answerBoxes(item).length === 1) expect(next - page, `${item.id} takes ${next - page} pages`).toBe(1);
        previous = page;
        expect(squash(texts[page - 1]!).includes(squash(`${item.id} ${item.title}`)), `${item.id} heading on p. ${page} of ${section.key}.pdf`).toBe(true);
      });
    }
    for (const item of book.items) expect(holders.get(item.id), item.id).toEqual([item.section]);
  });

  it('print no key point and no answer paragraph in any worksheet', () => {
    const worksheets = squash(sections().map((s) => text(join(DIST, `${s.key}.pdf`))).join('\n'));
    const keys = squash(sections().map((s) => text(join(DIST, `${s.key}-answer-key.pdf`))).join('\n'));
    const workbookText = squash(text(join(PROJECT_ROOT, 'dist/pdf/ml-interview-prep-guide.pdf')));
    const probes = (item: Item, heading?: string) =>
      answerParts(item).filter((p) => !heading || p.heading === heading).flatMap((p) => plainRuns(p.markdown).map((run) => ({ item, part: p.heading, run: squash(run) })));
    const all = book.items.flatMap((item) => probes(item));
    const keyPointProbes = book.items.flatMap((item) => probes(item, 'Key points'));
    // The probes are found where they belong (so not finding them in a worksheet means something).
    const inKeys = keyPointProbes.filter((p) => keys.includes(p.run)).length;
    const inWorkbook = all.filter((p) => workbookText.includes(p.run)).length;
    expect(inKeys / keyPointProbes.length, 'key point probes found in the answer keys').toBeGreaterThan(0.95);
    expect(inWorkbook / all.length, 'answer probes found in the workbook').toBeGreaterThan(0.9);
    for (const p of all) expect(worksheets.includes(p.run), `${p.item.id} ${p.part} on a worksheet: ${p.run}`).toBe(false);
  });

  it('give every item its key points and the Letter workbook page of its full answer', () => {
    for (const section of sections()) {
      const file = join(DIST, `${section.key}-answer-key.pdf`);
      expect(outlinedIds(file), section.key).toEqual(section.items.map((i) => i.id));
      const texts = text(file).split('\f');
      const keyPages = index.documents[`${section.key}-answer-key.pdf`]!.itemPages;
      const cited = [...texts.join(' ').replace(/\s+/g, ' ').matchAll(/Full answer: p\. (\d+) of the Letter workbook/g)].map((m) => Number(m[1]));
      expect(cited, section.key).toEqual(section.items.map((i) => workbook.itemPages[i.id]));
      for (const item of section.items) {
        const page = squash(texts.slice(keyPages[item.id]! - 1, keyPages[item.id]! + 1).join(' '));
        for (const run of plainRuns(keyPoints(item).markdown).slice(0, 2)) expect(page.includes(squash(run)), `${item.id} key point: ${run}`).toBe(true);
      }
    }
  });

  it('are not paginated again when nothing changed', () => {
    const again = spawnSync('npm', ['run', 'build', '--', 'worksheets', '--skip-python'], { cwd: PROJECT_ROOT, encoding: 'utf8' });
    expect(again.status, again.stderr).toBe(0);
    const documents = sections().length * 2;
    expect(again.stdout).toContain(`worksheets: ${documents} of ${documents} documents unchanged, reused`);
    expect(buildLog).toMatch(/worksheets: \d+(\.\d+)? s/);
  });
});

describe('npm run worksheet', () => {
  it('honours its filters and gives the same set for the same seed', () => {
    const out = mkdtempSync(join(tmpdir(), 'worksheet-'));
    try {
      const args = ['--section', 'theory', '--difficulty', '2-3', '--topics', 'optimization', '--count', '6', '--seed', '7', '--out', out];
      const first = runWorksheet(args);
      expect(first.status, first.stderr).toBe(0);
      const ids = chosenIds(first.stdout);
      expect(ids).toHaveLength(6);
      for (const id of ids) {
        const item = book.itemsById.get(id)!;
        expect(item.section, id).toBe('theory');
        expect([2, 3], id).toContain(item.difficulty);
        expect(item.topics, id).toContain('optimization');
      }
      const pdfs = readdirSync(out).sort();
      expect(pdfs).toEqual(['theory-stars2-3-optimization-6-seed7-answer-key.pdf', 'theory-stars2-3-optimization-6-seed7.pdf']);
      expect(outlinedIds(join(out, pdfs[1]!))).toEqual(ids);
      expect(outlinedIds(join(out, pdfs[0]!))).toEqual(ids);
      const second = runWorksheet(args);
      expect(second.status, second.stderr).toBe(0);
      expect(chosenIds(second.stdout)).toEqual(ids);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('balances a role preset across sections', () => {
    const out = mkdtempSync(join(tmpdir(), 'worksheet-'));
    try {
      const run = runWorksheet(['--role', 'applied-scientist', '--seed', '3', '--out', out]);
      expect(run.status, run.stderr).toBe(0);
      const perSection: Record<string, number> = {};
      for (const id of chosenIds(run.stdout)) perSection[book.itemsById.get(id)!.section] = (perSection[book.itemsById.get(id)!.section] ?? 0) + 1;
      expect(perSection).toEqual(ROLE_PRESETS['applied-scientist'].quotas);
      expect(readdirSync(out)).toHaveLength(2);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('fails with a message and writes nothing when the filters match nothing', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'worksheet-')), 'none');
    try {
      const run = runWorksheet(['--section', 'stats', '--difficulty', '4', '--out', out]);
      expect(run.status).not.toBe(0);
      expect(run.stderr).toContain('no item matches --section stats --difficulty 4');
      expect(run.stderr).toContain('stats items take 2–3 stars');
      expect(existsSync(out)).toBe(false);
      const bad = runWorksheet(['--difficulty', 'hard']);
      expect(bad.status).toBe(2);
      expect(bad.stderr).toContain('--difficulty takes stars as N or N-M');
    } finally {
      rmSync(join(out, '..'), { recursive: true, force: true });
    }
  });
});

describe('flashcards', () => {
  it('are a CSV with a card per item, tagged by section, stars and topics', () => {
    const csv = readFileSync(join(PROJECT_ROOT, 'dist/flashcards/ml-interview-prep.csv'), 'utf8');
    const lines = csv.split('\n');
    expect(lines[0]).toBe('#separator:Comma');
    const rows = parseCsv(lines.slice(lines.findIndex((l) => !l.startsWith('#'))).join('\n'));
    expect(rows).toHaveLength(book.items.length);
    book.items.forEach((item, i) => {
      const tags = rows[i]!.at(-1)!.split(' ');
      expect(tags, item.id).toContain(`section::${item.section}`);
      expect(tags, item.id).toContain(`stars::${item.difficulty}`);
      for (const topic of item.topics) expect(tags, item.id).toContain(`topic::${topic}`);
    });
  });
});
