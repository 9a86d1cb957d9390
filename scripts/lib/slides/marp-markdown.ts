/**
 * A deck plan -> Marp Markdown. Slide bodies are the book's own rendered HTML (KaTeX 0.16 math,
 * highlight.js code, Graphviz SVG), written as one-line HTML blocks: Marp's markdown-it passes
 * them through with `html: true`, and a block that holds no newline cannot be cut short by a
 * blank line inside it. Headings stay Markdown so Marp's PDF outline picks them up.
 */
import type { Block, DeckPlan, SlidePlan } from './deck.ts';
import { renderStars } from './deck.ts';
import { escapeHtml } from '../render/markdown.ts';

export const THEME_NAME = 'interview-prep';

/** Newlines inside `<pre>` become `&#10;` (same text in the DOM); elsewhere they are just spaces. */
export function toOneLine(html: string): string {
  return html
    .split(/(<pre[\s\S]*?<\/pre>)/)
    .map((piece, i) => (i % 2 === 1 ? piece.replace(/\n/g, '&#10;') : piece.replace(/\s*\n\s*/g, ' ')))
    .join('')
    .trim();
}

function renderBlock(block: Block): string {
  if (block.kind === 'html') return block.html;
  const tag = block.ordered ? 'ol' : 'ul';
  return `<${tag}>${block.items.map((item) => `<li>${item}</li>`).join('')}</${tag}>`;
}

/** A heading is Markdown text: escape what Markdown or HTML would interpret. */
function headingMarkdown(text: string): string {
  return escapeHtml(text).replace(/([\\`*_[\]#|$])/g, '\\$1');
}

/** Presenter notes are HTML comments in Marp: nothing may close the comment early. */
function notesComment(notes: string): string {
  return `<!--\n${notes.replace(/--+>?/g, '–').replace(/<!/g, '< !')}\n-->`;
}

function slideClasses(slide: SlidePlan): string[] {
  return [slide.kind, ...(slide.short ? ['short'] : []), ...(slide.dense ? ['dense'] : []), ...(slide.continued ? ['continued'] : [])];
}

function renderSlide(slide: SlidePlan): string {
  const out = [`<!-- _class: ${slideClasses(slide).join(' ')} -->`, ''];
  if (slide.kind === 'title') out.push('<!-- _paginate: false -->', "<!-- _footer: '' -->", '');
  if (slide.kind === 'title') {
    out.push(`# ${headingMarkdown(slide.heading)}`, '');
  } else if (slide.kind === 'diagram' && slide.diagram) {
    // The figure's caption is the slide's heading; the figure id stays on the element.
    const d = slide.diagram;
    out.push(`## ${headingMarkdown(slide.heading)}`, '');
    out.push(toOneLine(`<figure class="diagram" id="${escapeHtml(d.id)}" data-diagram="${escapeHtml(d.id)}">${d.svg}</figure>`), '');
  } else {
    out.push(`## ${headingMarkdown(slide.heading)}${slide.continued ? ' (continued)' : ''}`, '');
  }
  if (slide.short) out.push('<p class="short-mark">5 min</p>', '');
  if (slide.blocks.length) out.push(toOneLine(`<div class="body">${slide.blocks.map(renderBlock).join('')}</div>`), '');
  out.push(notesComment(slide.notes));
  return out.join('\n');
}

/** The whole deck as Marp Markdown. */
export function renderMarpMarkdown(deck: DeckPlan): string {
  const { item } = deck;
  const footer = `${item.id} · ${item.title} · ${renderStars(item.difficulty)}`;
  const front = [
    '---',
    'marp: true',
    `theme: ${THEME_NAME}`,
    'size: 16:9',
    'paginate: true',
    'lang: en',
    `title: ${JSON.stringify(`${item.id} ${item.title}`)}`,
    `description: ${JSON.stringify(`Slides for ${item.id} of the ML/AI Interview Prep Guide`)}`,
    `footer: ${JSON.stringify(escapeHtml(footer))}`,
    '---',
  ].join('\n');
  return `${front}\n\n${deck.slides.map(renderSlide).join('\n\n---\n\n')}\n`;
}
