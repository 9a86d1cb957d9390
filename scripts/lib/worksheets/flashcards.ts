/**
 * Flashcards as a CSV file that Anki (2.1.54 and later) imports directly: its file headers name
 * the separator, the note type, the columns and which columns hold the guid, deck and tags, so
 * the import needs no choices. One card per item: the question on the front, the key points on
 * the back. Math is left as TeX in \(...\) and \[...\], which Anki typesets with its own MathJax;
 * a stable guid per item makes a re-import update the cards instead of duplicating them. Pure.
 */
import type MarkdownIt from 'markdown-it';
import type { Token } from 'markdown-it';
import type { Book, Item } from '../model.ts';
import { createMarkdown, escapeHtml, type RenderEnv } from '../render/markdown.ts';
import { formatStars, SECTIONS } from '../sections.ts';
import { keyPoints, questionParts } from './parts.ts';

export const FLASHCARDS_FILE = 'ml-interview-prep.csv';
export const DECK = 'ML/AI Interview Prep Guide';
export const COLUMNS = ['GUID', 'Deck', 'Front', 'Back', 'Tags'] as const;

/** One field, RFC 4180: quoted, with inner quotes doubled (quoting every field is always valid). */
export const csvField = (value: string): string => `"${value.replace(/"/g, '""')}"`;

export const cardGuid = (item: Item): string => `ml-interview-prep-${item.id}`;

/** Anki tags: no spaces inside a tag; `::` makes a hierarchy in Anki's browser. */
export function cardTags(item: Item): string[] {
  return [`section::${item.section}`, `stars::${item.difficulty}`, ...item.topics.map((t) => `topic::${t}`)];
}

/** markdown-it for Anki fields: TeX between MathJax delimiters, plain code, cross-references as text. */
export function createCardMarkdown(book: Book): { md: MarkdownIt; env: RenderEnv } {
  const md = createMarkdown();
  const tex = (open: string, close: string) => (tokens: Token[], idx: number) => `${open}${escapeHtml(tokens[idx]!.content.trim())}${close}`;
  md.renderer.rules['math_inline'] = tex('\\(', '\\)') as never;
  for (const rule of ['math_inline_block', 'math_inline_bare_block', 'math_block']) md.renderer.rules[rule] = tex('\\[', '\\]') as never;
  md.renderer.rules.fence = ((tokens: Token[], idx: number) => `<pre><code>${escapeHtml(tokens[idx]!.content.replace(/\n$/, ''))}</code></pre>`) as never;
  md.renderer.rules['xref'] = ((tokens: Token[], idx: number) => {
    const id = (tokens[idx]!.meta as { id: string }).id;
    const target = book.itemsById.get(id);
    return escapeHtml(target ? `${target.id} ${target.title}` : tokens[idx]!.markup);
  }) as never;
  // Math is never rendered through the env here, but the type asks for one.
  const env: RenderEnv = { math: 'mathml', xref: () => undefined, diagram: (id) => book.diagramsById.get(id) };
  return { md, env };
}

/** Card fields in HTML, each on one line but for the lines of code blocks. */
export function renderCard(item: Item, card: { md: MarkdownIt; env: RenderEnv }): { front: string; back: string } {
  // Soft line breaks become spaces; newlines inside <pre><code> stay (they are the code's lines).
  const render = (markdown: string) => card.md.render(markdown, card.env).replace(/\n(?![^<]*<\/code>)/g, ' ').trim();
  const question = questionParts(item).map((p) => render(p.markdown)).join('');
  const head = `<p><b>${item.id}</b> ${escapeHtml(item.title)}</p><p>${formatStars(item.difficulty)} · ${escapeHtml(item.topics.join(', '))}</p>`;
  return {
    front: `${head}${question}`,
    back: `${render(keyPoints(item).markdown)}<p><i>Full answer: ${item.id} in the workbook.</i></p>`,
  };
}

export function renderFlashcards(book: Book): string {
  const card = createCardMarkdown(book);
  const sectionTitle = (item: Item) => SECTIONS.find((s) => s.key === item.section)!.title;
  const header = [
    '#separator:Comma',
    '#html:true',
    '#notetype:Basic',
    `#columns:${COLUMNS.join(',')}`,
    '#guid column:1',
    '#deck column:2',
    '#tags column:5',
  ];
  const rows = book.items.map((item) => {
    const { front, back } = renderCard(item, card);
    return [cardGuid(item), `${DECK}::${sectionTitle(item)}`, front, back, cardTags(item).join(' ')].map(csvField).join(',');
  });
  return `${[...header, ...rows].join('\n')}\n`;
}
