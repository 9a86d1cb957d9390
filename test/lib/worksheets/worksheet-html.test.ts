import { beforeAll, describe, expect, it } from 'vitest';
import { loadBook } from '../../../scripts/lib/load/loader.ts';
import type { Book, Item } from '../../../scripts/lib/model.ts';
import { answerParts, keyPoints, questionParts } from '../../../scripts/lib/worksheets/parts.ts';
import { answerBoxes, CODE_PITCH_IN, LINE_PITCH_IN, PAGE_IN, signatureIn, type AnswerBox } from '../../../scripts/lib/worksheets/answer-space.ts';
import { createPrintMarkdown } from '../../../scripts/lib/worksheets/markdown.ts';
import { renderFooter, renderWorksheetItem, REVIEW_DAYS, SELF_CHECK, WORKSHEET_ITEMS_PER_CHUNK, runningHead } from '../../../scripts/lib/worksheets/worksheet-html.ts';
import { renderAnswerKey } from '../../../scripts/lib/worksheets/answer-key-html.ts';
import { renderCustomDocs, renderSectionDocs } from '../../../scripts/lib/worksheets/sets.ts';
import { htmlText, plainRuns } from '../../helpers/probes.ts';
import { PROJECT_ROOT } from '../../helpers/fixture.ts';

let book: Book;
/** Stand-in workbook pages: the renderers only print them. */
let pages: Record<string, number>;
beforeAll(async () => {
  const loaded = await loadBook({ root: PROJECT_ROOT, date: new Date(0) });
  if (!loaded.ok) throw new Error('the book does not load');
  book = loaded.book;
  pages = Object.fromEntries(book.items.map((item, i) => [item.id, 101 + i * 3]));
});

const worksheetText = (item: Item) => htmlText(renderWorksheetItem(item, createPrintMarkdown(book, pages), false));

/** Lines inside the functions of solution.py: not signatures, decorators, docstrings or comments. */
function bodyLines(source: string): string[] {
  const out: string[] = [];
  let inSignature = false;
  let inDocstring = false;
  for (const raw of source.split('\n')) {
    const line = raw.trim();
    if (inDocstring) { if (line.includes('"""')) inDocstring = false; continue; }
    if (line.startsWith('"""')) { inDocstring = !(line.length > 3 && line.endsWith('"""')); continue; }
    if (/^(async\s+)?def\s|^class\s|^@/.test(line)) { inSignature = !line.endsWith(':'); continue; }
    if (inSignature) { if (line.endsWith(':')) inSignature = false; continue; }
    // Module-level lines (imports, type aliases, constants) may be part of the published signature.
    if (!/^\s/.test(raw) || line.startsWith('#')) continue;
    if (line.length >= 14) out.push(line.replace(/\s+/g, ' '));
  }
  return out;
}

/** A short failure message instead of the whole worksheet. */
const shows = (text: string, run: string) => text.includes(run);

describe('worksheet items', () => {
  it('print the question of every item and nothing of its answer', () => {
    let probes = 0;
    for (const item of book.items) {
      const text = worksheetText(item);
      expect(text, item.id).toContain(`${item.id} ${item.title}`);
      // Positive control: the probes of the question are found, so a missing answer probe means something.
      for (const part of questionParts(item)) {
        for (const run of plainRuns(part.markdown)) expect(shows(text, run), `${item.id} ${part.heading}: question text missing: ${run}`).toBe(true);
      }
      for (const part of answerParts(item)) {
        for (const run of plainRuns(part.markdown)) {
          probes += 1;
          expect(shows(text, run), `${item.id} ${part.heading}: answer text on the worksheet: ${run}`).toBe(false);
        }
      }
    }
    expect(probes).toBeGreaterThan(book.items.length * 10);
  });

  it('give coding items the signature of what solution.py implements, never its body', () => {
    for (const item of book.items.filter((i) => i.kind === 'coding')) {
      const text = worksheetText(item);
      const solution = item.solution!.text;
      const signature = questionParts(item).find((p) => p.heading === 'Signature')!.markdown;
      const declared = [...signature.matchAll(/^\s*(?:def|class)\s+([A-Za-z]\w*)/gm)].map((m) => m[1]!);
      expect(declared.length, item.id).toBeGreaterThan(0);
      for (const name of declared) {
        expect(new RegExp(`\\b(def|class) ${name}\\b`).test(text), `${item.id}: ${name} in the signature box`).toBe(true);
        expect(solution, `${item.id}: solution.py defines ${name}`).toMatch(new RegExp(`^\\s*(def|class) ${name}\\b`, 'm'));
      }
      // What the challenge itself publishes (e.g. a scikit-learn __init__ that stores its parameters) may show.
      const published = signature.replace(/\s+/g, ' ');
      const body = bodyLines(solution).filter((line) => !published.includes(line));
      expect(body.length, item.id).toBeGreaterThan(3);
      for (const line of body) expect(shows(text, line), `${item.id}: solution line "${line}" on the worksheet`).toBe(false);
    }
  });

  it('size written answers by stars: a harder item never gets fewer lines', () => {
    const lines = (item: Item) => answerBoxes(item).reduce((n, b) => n + (b.type === 'lines' ? b.lines : 0), 0);
    const written = book.items.filter((i) => i.kind === 'question');
    for (const a of written) {
      for (const b of written.filter((x) => x.difficulty > a.difficulty)) expect(lines(b), `${b.id} vs ${a.id}`).toBeGreaterThanOrEqual(lines(a));
    }
    for (const item of written.filter((i) => i.difficulty === 4)) expect(answerBoxes(item).length, item.id).toBe(2);
  });

  it('give each kind its answer space, every box small enough to print whole on one page', () => {
    const height = (item: Item, box: AnswerBox) =>
      box.type === 'lines' ? box.lines * LINE_PITCH_IN : box.type === 'grid' ? box.inches : (box.signature ? signatureIn(item) : 0) + box.lines * CODE_PITCH_IN;
    for (const item of book.items) {
      const boxes = answerBoxes(item);
      const types = new Set(boxes.map((b) => b.type));
      const expected = { question: 'lines', coding: 'code', 'model-design': 'grid', 'system-design': 'grid', paper: 'grid' }[item.kind];
      expect(types.has(expected as AnswerBox['type']), `${item.id} has a ${expected} box`).toBe(true);
      for (const box of boxes) {
        expect(height(item, box), `${item.id} ${box.label}`).toBeLessThanOrEqual(PAGE_IN - 0.5);
        expect(height(item, box), `${item.id} ${box.label}`).toBeGreaterThan(0.8);
      }
      const html = renderWorksheetItem(item, createPrintMarkdown(book, pages), false);
      expect((html.match(/class="rule"/g) ?? []).length, item.id).toBe(boxes.reduce((n, b) => n + (b.type === 'grid' ? 0 : b.lines), 0));
      expect((html.match(/class="ws-canvas"/g) ?? []).length, item.id).toBe(boxes.filter((b) => b.type === 'grid').length);
      // A coding item prints its signature once, at the top of its first code box.
      expect((html.match(/class="ws-signature"/g) ?? []).length, item.id).toBe(item.kind === 'coding' ? 1 : 0);
      if (item.kind === 'coding') expect(boxes.find((b) => b.type === 'code'), item.id).toMatchObject({ signature: true });
    }
  });

  it('end with self-check boxes and a review strip for day 1, 3, 7, 14 and 30', () => {
    const footer = htmlText(renderFooter());
    for (const label of SELF_CHECK) expect(footer).toContain(label);
    expect(footer.match(/Day \d+/g)).toEqual(REVIEW_DAYS.map((d) => `Day ${d}`));
    expect(renderFooter().match(/class="ws-date"/g)).toHaveLength(REVIEW_DAYS.length);
  });

  it('keep running heads to one line', () => {
    for (const item of book.items) {
      const head = runningHead(item);
      expect(head.length, item.id).toBeLessThanOrEqual(61);
      expect(head.startsWith(`${item.id} `), item.id).toBe(true);
    }
  });
});

describe('answer keys', () => {
  it('print every key point, the full-answer page, and no other part of the answer', () => {
    for (const section of book.sections) {
      const key = renderAnswerKey(book, section.items, { name: 'k', title: 'Key', running: 'Key', subtitle: 's', pages });
      const text = htmlText(key.chunks.map((c) => c.body).join('\n'));
      for (const item of section.items) {
        const points = plainRuns(keyPoints(item).markdown);
        for (const run of points) expect(shows(text, run), `${item.id} key point missing: ${run}`).toBe(true);
        expect(shows(text, `Full answer: p. ${pages[item.id]} of the Letter workbook`), item.id).toBe(true);
        // A key point may repeat a sentence of the answer word for word; any other answer text must not be there.
        const inPoints = (run: string) => points.some((p) => p.includes(run) || run.includes(p));
        for (const part of answerParts(item).filter((p) => p.heading !== 'Key points')) {
          for (const run of plainRuns(part.markdown).filter((r) => !inPoints(r))) {
            expect(shows(text, run), `${item.id} ${part.heading} in the key: ${run}`).toBe(false);
          }
        }
      }
      expect(text.match(/Full answer: p\. \d+/g)).toHaveLength(section.items.length);
    }
  });

  it('refuse to print a key without the workbook page of an item', () => {
    const item = book.items[0]!;
    expect(() => renderAnswerKey(book, [item], { name: 'k', title: 'Key', running: 'Key', subtitle: 's', pages: {} })).toThrow(new RegExp(`no Letter workbook page for ${item.id}`));
  });
});

describe('documents', () => {
  it('put every item in exactly one section worksheet and one answer key, in chunks that start on a new page', () => {
    const docs = renderSectionDocs(book, pages);
    const sections = book.sections.filter((s) => s.items.length);
    expect(docs.map((d) => d.name)).toEqual(sections.flatMap((s) => [s.key, `${s.key}-answer-key`]));
    for (const item of book.items) {
      const holding = docs.filter((d) => d.items.includes(item.id)).map((d) => d.name);
      expect(holding, item.id).toEqual([item.section, `${item.section}-answer-key`]);
    }
    for (const doc of docs) {
      expect(doc.chunks.flatMap((c) => c.items), doc.name).toEqual(doc.items);
      if (!doc.name.endsWith('-answer-key')) expect(Math.max(...doc.chunks.map((c) => c.items.length))).toBeLessThanOrEqual(WORKSHEET_ITEMS_PER_CHUNK);
      for (const id of doc.items) expect(doc.chunks.map((c) => c.body).join('\n').match(new RegExp(`<article [^>]*id="item-${id}"`, 'g')), `${doc.name} ${id}`).toHaveLength(1);
    }
    // The worksheet's contents point at each item's page (filled in after layout).
    const theory = docs.find((d) => d.name === 'theory')!;
    expect(theory.chunks[0]!.body.match(/class="page-ref" data-target="item-T\d\d"/g)).toHaveLength(theory.items.length);
  });

  it('name the section of each item in a custom set drawn from several sections', () => {
    const items = ['T01', 'C01', 'D01'].map((id) => book.itemsById.get(id)!);
    const [worksheet, key] = renderCustomDocs(book, items, { name: 'mock', description: 'seed 1' }, pages);
    expect(worksheet!.name).toBe('mock');
    expect(key!.name).toBe('mock-answer-key');
    const text = htmlText(worksheet!.chunks.map((c) => c.body).join('\n'));
    for (const title of ['ML Theory', 'Coding Challenges', 'ML System Design']) expect(text).toContain(title);
    expect(htmlText(key!.chunks.map((c) => c.body).join(''))).toContain('3 items · seed 1');
  });
});
