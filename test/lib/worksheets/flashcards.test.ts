import { beforeAll, describe, expect, it } from 'vitest';
import { loadBook } from '../../../scripts/lib/load/loader.ts';
import type { Book } from '../../../scripts/lib/model.ts';
import { cardGuid, COLUMNS, csvField, DECK, renderFlashcards } from '../../../scripts/lib/worksheets/flashcards.ts';
import { answerParts, keyPoints, questionParts } from '../../../scripts/lib/worksheets/parts.ts';
import { parseCsv } from '../../helpers/csv.ts';
import { htmlText, plainRuns } from '../../helpers/probes.ts';
import { PROJECT_ROOT } from '../../helpers/fixture.ts';

let book: Book;
let csv: string;
let header: string[];
let rows: string[][];
beforeAll(async () => {
  const loaded = await loadBook({ root: PROJECT_ROOT, date: new Date(0) });
  if (!loaded.ok) throw new Error('the book does not load');
  book = loaded.book;
  csv = renderFlashcards(book);
  const lines = csv.split('\n');
  const body = lines.findIndex((l) => !l.startsWith('#'));
  header = lines.slice(0, body);
  rows = parseCsv(lines.slice(body).join('\n'));
});

const column = (name: (typeof COLUMNS)[number]) => COLUMNS.indexOf(name);

describe('csvField', () => {
  it('round-trips commas, quotes and newlines through an RFC 4180 parser', () => {
    const values = ['plain', 'a, b', 'say "hi"', 'two\nlines', '', '"', 'ends with ,'];
    expect(parseCsv(`${values.map(csvField).join(',')}\n`)).toEqual([values]);
  });
});

describe('the flashcard CSV', () => {
  it("starts with Anki's file headers, naming the columns it has", () => {
    expect(header).toEqual([
      '#separator:Comma', '#html:true', '#notetype:Basic', `#columns:${COLUMNS.join(',')}`,
      `#guid column:${column('GUID') + 1}`, `#deck column:${column('Deck') + 1}`, `#tags column:${column('Tags') + 1}`,
    ]);
  });

  it('has one card per item, each with every column and a unique guid', () => {
    expect(rows).toHaveLength(book.items.length);
    for (const row of rows) expect(row).toHaveLength(COLUMNS.length);
    expect(rows.map((r) => r[column('GUID')])).toEqual(book.items.map(cardGuid));
    expect(new Set(rows.map((r) => r[column('GUID')])).size).toBe(rows.length);
  });

  it('puts the question on the front and the key points on the back', () => {
    book.items.forEach((item, i) => {
      const front = htmlText(rows[i]![column('Front')]!);
      const back = htmlText(rows[i]![column('Back')]!);
      expect(front, item.id).toContain(`${item.id} ${item.title}`);
      for (const part of questionParts(item)) for (const run of plainRuns(part.markdown)) expect(front.includes(run), `${item.id} front: ${run}`).toBe(true);
      for (const run of plainRuns(keyPoints(item).markdown)) {
        expect(back.includes(run), `${item.id} back: ${run}`).toBe(true);
        expect(front.includes(run), `${item.id} key point on the front: ${run}`).toBe(false);
      }
      const points = plainRuns(keyPoints(item).markdown);
      for (const part of answerParts(item).filter((p) => p.heading !== 'Key points')) {
        for (const run of plainRuns(part.markdown).filter((r) => !points.some((p) => p.includes(r)))) {
          expect(`${front} ${back}`.includes(run), `${item.id} ${part.heading} on a card: ${run}`).toBe(false);
        }
      }
    });
  });

  it('leaves math as TeX between the delimiters Anki typesets', () => {
    const withMath = book.items.filter((item) => /(?<!\\)\$[^$]+(?<!\\)\$/.test(keyPoints(item).markdown));
    expect(withMath.length).toBeGreaterThan(5);
    for (const item of withMath) {
      const back = rows[book.items.indexOf(item)]![column('Back')]!;
      expect(back, item.id).toMatch(/\\\(.+?\\\)|\\\[.+?\\\]/);
      expect(back, item.id).not.toContain('class="katex');
    }
  });

  it('tags each card with its section, stars and topics, and files it in its section deck', () => {
    book.items.forEach((item, i) => {
      const tags = rows[i]![column('Tags')]!.split(' ');
      expect(tags, item.id).toEqual([`section::${item.section}`, `stars::${item.difficulty}`, ...item.topics.map((t) => `topic::${t}`)]);
      const section = book.sections.find((s) => s.key === item.section)!;
      expect(rows[i]![column('Deck')], item.id).toBe(`${DECK}::${section.title}`);
    });
  });

  it('is the same file every time', () => {
    expect(renderFlashcards(book)).toBe(csv);
  });
});
