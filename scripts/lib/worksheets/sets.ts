/**
 * The worksheet documents of a build (a worksheet and an answer key per section) and of a custom
 * mock interview (one pair for the chosen items). Pure.
 */
import type { Book, Item } from '../model.ts';
import type { WorkbookPages } from './markdown.ts';
import type { WorksheetDoc } from './document.ts';
import { renderWorksheet } from './worksheet-html.ts';
import { answerKeyName, renderAnswerKey } from './answer-key-html.ts';

const count = (n: number) => `${n} ${n === 1 ? 'item' : 'items'}`;

export function renderSectionDocs(book: Book, pages: WorkbookPages): WorksheetDoc[] {
  return book.sections.filter((s) => s.items.length).flatMap((section) => {
    const range = `${section.items[0]!.id}–${section.items[section.items.length - 1]!.id}`;
    const subtitle = `${count(section.items.length)}, ${range} · ${book.title}, ${book.edition}`;
    return [
      renderWorksheet(book, section.items, { name: section.key, title: `${section.title}: practice worksheet`, running: `${section.title} · Worksheet`, subtitle, pages }),
      renderAnswerKey(book, section.items, { name: answerKeyName(section.key), title: `${section.title}: answer key`, running: `${section.title} · Answer key`, subtitle, pages }),
    ];
  });
}

export interface CustomSet {
  /** File name stem, e.g. `theory-2-3-optimization-10-seed7`. */
  readonly name: string;
  /** How the items were chosen, printed under the title (filters, role, seed). */
  readonly description: string;
}

export function renderCustomDocs(book: Book, items: readonly Item[], set: CustomSet, pages: WorkbookPages): WorksheetDoc[] {
  const subtitle = `${count(items.length)} · ${set.description}`;
  return [
    renderWorksheet(book, items, { name: set.name, title: 'Mock interview: practice worksheet', running: 'Mock interview · Worksheet', subtitle, pages }),
    renderAnswerKey(book, items, { name: answerKeyName(set.name), title: 'Mock interview: answer key', running: 'Mock interview · Answer key', subtitle, pages }),
  ];
}
