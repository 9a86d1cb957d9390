/**
 * The worksheet renderer: a pure function from items of the Book to print HTML. Each item gets
 * its id, title, stars, topics and question — never any part of its answer — then room to
 * answer (see answer-space.ts), self-check boxes and a spaced-repetition strip.
 */
import type { Book, Item } from '../model.ts';
import { formatStars, SECTIONS } from '../sections.ts';
import { escapeHtml } from '../render/markdown.ts';
import { answerBoxes, CODE_PITCH_IN, LINE_PITCH_IN, type AnswerBox } from './answer-space.ts';
import { answerOutline, findPart, questionParts } from './parts.ts';
import { createPrintMarkdown, type PrintMarkdown, type WorkbookPages } from './markdown.ts';
import { chunkBlocks, type WorksheetDoc } from './document.ts';

/** Review days of the spaced-repetition strip (expanding intervals). */
export const REVIEW_DAYS = [1, 3, 7, 14, 30] as const;
export const SELF_CHECK = ['Answered fully', 'Partly', 'Not yet'] as const;
/** Items per Paged.js chunk: about fifteen pages, where layout cost per page is still flat. */
export const WORKSHEET_ITEMS_PER_CHUNK = 10;

export const itemAnchor = (id: string): string => `item-${id}`;
const pageRef = (id: string) => `<span class="page-ref" data-target="${itemAnchor(id)}">000</span>`;
const sectionTitle = (item: Item) => SECTIONS.find((s) => s.key === item.section)!.title;

export interface DocOptions {
  /** File name without `.pdf`. */
  readonly name: string;
  readonly title: string;
  /** The running head of its pages, short enough to share the line with the item's. */
  readonly running: string;
  /** One line under the title (what is in it, how it was chosen). */
  readonly subtitle: string;
  /** Letter workbook pages, for cross-references in questions. */
  readonly pages: WorkbookPages;
}

/**
 * A dot grid: one dot tiled by an SVG pattern (vector in the PDF). A path of a thousand dots per
 * canvas made the design worksheets several times slower to lay out in a busy build, and three times larger.
 */
export function dotGrid(id: string, pitchIn = 0.2): string {
  const step = pitchIn * 96;
  return `<svg class="ws-dots" aria-hidden="true" width="100%" height="100%"><defs><pattern id="${id}" width="${step}" height="${step}" patternUnits="userSpaceOnUse">` +
    `<circle cx="${step / 2}" cy="${step / 2}" r="1" fill="#8c97a4"/></pattern></defs><rect width="100%" height="100%" fill="url(#${id})"/></svg>`;
}

function ruled(lines: number, pitchIn: number, cls: string): string {
  return `<div class="${cls}" aria-hidden="true">${`<div class="rule" style="height:${pitchIn}in"></div>`.repeat(lines)}</div>`;
}

/**
 * A box Paged.js keeps whole: an inline-block, which it moves to the next page when it does not
 * fit. Each sits alone in a block of its own; inline-blocks sharing one block are laid out as
 * one run of lines, and an overflow in the last of them moved all of them to the next page.
 */
export const keepWhole = (cls: string, html: string): string => `<div class="${cls}"><div class="ws-keep">${html}</div></div>`;

function renderBox(item: Item, box: AnswerBox, index: number, print: PrintMarkdown): string {
  const label = `<p class="ws-label">${escapeHtml(box.label)}</p>`;
  switch (box.type) {
    case 'lines':
      return keepWhole('ws-box ws-lines', `${label}${ruled(box.lines, LINE_PITCH_IN, 'ws-ruled')}`);
    case 'code': {
      const signature = box.signature ? `<div class="ws-signature">${print.md.render(findPart(item, 'Signature').markdown, print.env)}</div>` : '';
      return keepWhole('ws-box ws-code', `${label}<div class="ws-code-frame">${signature}${ruled(box.lines, CODE_PITCH_IN, 'ws-code-lines')}</div>`);
    }
    case 'grid':
      return keepWhole('ws-box ws-grid', `${label}<div class="ws-canvas" style="height:${box.inches}in">${dotGrid(`dots-${item.id}-${index}`)}</div>`);
  }
}

/** Self-check boxes and the review strip: what a reader fills in after answering. */
export function renderFooter(): string {
  const ticks = SELF_CHECK.map((s) => `<span class="ws-tick"><span class="ws-checkbox"></span>${s}</span>`).join('');
  const days = REVIEW_DAYS.map((d) => `<span class="ws-day"><span class="ws-day-label">Day ${d}</span><span class="ws-date"></span><span class="ws-checkbox"></span></span>`).join('');
  return keepWhole('ws-footer', `<div class="ws-check"><span class="ws-footer-label">Self-check</span>${ticks}</div>
<div class="ws-review"><span class="ws-footer-label">Review on</span>${days}</div>`);
}

/** The running head of an item's pages: its id and title, shortened to stay on one line. */
export function runningHead(item: Item): string {
  const full = `${item.id} ${item.title}`;
  if (full.length <= 60) return full;
  return `${full.slice(0, 59).replace(/[\s,;:(–-]+\S*$/, '')}…`;
}

/** The item's head; `kicker` names its section (for sets drawn from several sections). */
export function renderItemHead(item: Item, kicker: boolean): string {
  return `<header class="ws-head">
${kicker ? `<p class="ws-kicker">${escapeHtml(sectionTitle(item))}</p>\n` : ''}<h2 class="ws-title" data-running="${escapeHtml(runningHead(item))}"><span class="item-id">${item.id}</span> ${escapeHtml(item.title)}</h2>
<p class="ws-meta"><span class="stars" aria-label="difficulty ${item.difficulty} of 5">${formatStars(item.difficulty)}</span><span class="topics">${item.topics.map(escapeHtml).join(' · ')}</span></p>
</header>`;
}

/** The question of one item, as the worksheet prints it (the coding signature goes in the code box). */
export function renderQuestion(item: Item, print: PrintMarkdown): string {
  const parts = questionParts(item).filter((p) => !(item.kind === 'coding' && p.heading === 'Signature'));
  const html = parts.map((p) => print.md.render(p.markdown, print.env)).join('\n');
  const outline = answerOutline(item.kind);
  const task = item.kind === 'paper'
    ? '<p class="ws-task">Present this paper as you would in an interview, then critique it.</p>'
    : '';
  const cover = item.kind === 'model-design' || item.kind === 'system-design' || item.kind === 'paper'
    ? `<p class="ws-outline"><span class="ws-outline-label">Cover</span>${outline.map((h) => `<span class="ws-tick"><span class="ws-checkbox"></span>${escapeHtml(h)}</span>`).join('')}</p>`
    : '';
  return `<div class="ws-question">${html}${task}</div>${cover}`;
}

export function renderWorksheetItem(item: Item, print: PrintMarkdown, kicker: boolean): string {
  return `<article class="ws-item ws-kind-${item.kind}" id="${itemAnchor(item.id)}" data-item="${item.id}">
${renderItemHead(item, kicker)}
${renderQuestion(item, print)}
${answerBoxes(item).map((box, i) => renderBox(item, box, i, print)).join('\n')}
${renderFooter()}
</article>`;
}

function renderIntro(items: readonly Item[], options: DocOptions): string {
  const entries = items.map((item) =>
    `<li><span class="toc-label"><span class="item-id">${item.id}</span><span class="stars">${formatStars(item.difficulty)}</span>${escapeHtml(item.title)}</span><span class="toc-leader" aria-hidden="true"></span><span class="toc-page">${pageRef(item.id)}</span></li>`);
  return `<section class="ws-intro">
<h1 class="ws-doc-title" data-running="${escapeHtml(options.running)}">${escapeHtml(options.title)}</h1>
<p class="ws-doc-subtitle">${escapeHtml(options.subtitle)}</p>
<ol class="ws-how">
<li>Answer each question on its page without looking anything up, as you would out loud in an interview.</li>
<li>Check yourself against the key points in the answer key, which gives the page of each full answer in the Letter workbook.</li>
<li>Tick how it went, then write the dates of your next reviews (day 1, 3, 7, 14 and 30) and answer again on those days.</li>
</ol>
<p class="ws-name">Name <span class="ws-blank"></span> Date <span class="ws-blank ws-blank-short"></span></p>
<ol class="ws-toc">
${entries.join('\n')}
</ol>
</section>`;
}

/** A worksheet of these items (in the order given). */
export function renderWorksheet(book: Book, items: readonly Item[], options: DocOptions): WorksheetDoc {
  const print = createPrintMarkdown(book, options.pages);
  const kicker = new Set(items.map((i) => i.section)).size > 1;
  const blocks = items.map((item) => ({ id: item.id, html: renderWorksheetItem(item, print, kicker) }));
  return {
    name: options.name,
    title: options.title,
    subject: options.subtitle,
    items: items.map((i) => i.id),
    chunks: chunkBlocks(options.name, renderIntro(items, options), blocks, WORKSHEET_ITEMS_PER_CHUNK),
  };
}
