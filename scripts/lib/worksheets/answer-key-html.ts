/**
 * The answer key renderer: for each item of a worksheet its key points (what an interviewer
 * listens for) and the page of its full answer in the Letter workbook. Pure.
 */
import type { Book, Item } from '../model.ts';
import { escapeHtml } from '../render/markdown.ts';
import { keyPoints } from './parts.ts';
import { createPrintMarkdown, type PrintMarkdown } from './markdown.ts';
import { chunkBlocks, type WorksheetDoc } from './document.ts';
import { itemAnchor, keepWhole, renderItemHead, type DocOptions } from './worksheet-html.ts';

/** Entries are short (3–6 bullets), so a whole key is one chunk: no half-empty page between chunks. */
const KEY_ITEMS_PER_CHUNK = 200;

export const answerKeyName = (worksheetName: string): string => `${worksheetName}-answer-key`;

export function fullAnswerLine(page: number | undefined, item: Item): string {
  if (!page) throw new Error(`answer key: no Letter workbook page for ${item.id}; the pdf target's page facts lack it`);
  return `Full answer: p.\u00a0${page} of the Letter workbook`;
}

export function renderKeyEntry(item: Item, print: PrintMarkdown, page: number | undefined, kicker: boolean): string {
  return `<article class="key-item" id="${itemAnchor(item.id)}" data-item="${item.id}">
${keepWhole('key-entry', `${renderItemHead(item, kicker)}
<div class="key-points">${print.md.render(keyPoints(item).markdown, print.env)}</div>
<p class="key-full">${escapeHtml(fullAnswerLine(page, item))}</p>`)}
</article>`;
}

export function renderAnswerKey(book: Book, items: readonly Item[], options: DocOptions): WorksheetDoc {
  const print = createPrintMarkdown(book, options.pages);
  const lead = `<section class="ws-intro key-intro">
<h1 class="ws-doc-title" data-running="${escapeHtml(options.running)}">${escapeHtml(options.title)}</h1>
<p class="ws-doc-subtitle">${escapeHtml(options.subtitle)}</p>
<p class="key-how">The key points are what an interviewer listens for. An answer that makes all of them is a strong answer;
for the reasoning, the worked numbers and the common mistakes, read the full answer on the page given in the Letter workbook
(ml-interview-prep-guide.pdf).</p>
</section>`;
  const kicker = new Set(items.map((i) => i.section)).size > 1;
  const blocks = items.map((item) => ({ id: item.id, html: renderKeyEntry(item, print, options.pages[item.id], kicker) }));
  return {
    name: options.name,
    title: options.title,
    subject: options.subtitle,
    items: items.map((i) => i.id),
    chunks: chunkBlocks(options.name, lead, blocks, KEY_ITEMS_PER_CHUNK),
  };
}
