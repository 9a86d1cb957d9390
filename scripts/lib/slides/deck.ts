/**
 * An item -> a slide deck plan: what goes on each slide, what the presenter says (notes), and
 * which slides make the short version. Pure: reads the Book's item and renders its own Markdown
 * with the book's one markdown configuration, so a deck never holds a second copy of the content.
 *
 * Condensing rules (what a presenter says first, the rest goes to the notes):
 * - a part becomes one slide, or one slide per `###` subsection;
 * - its first paragraph is cut to its first sentence (the lead); later paragraphs that open
 *   with a bold lead become bullets; list items keep their bold lead and first sentence;
 * - small tables, short code and the first two display formulas stay; long ones go to notes;
 * - every diagram gets its own slide right after the slide it belongs to;
 * - the full text of the part is the slide's presenter notes.
 */
import type MarkdownIt from 'markdown-it';
import type { Token } from 'markdown-it';
import type { Diagram, Item, Part } from '../model.ts';
import { escapeHtml, type RenderEnv } from '../render/markdown.ts';
import { parseFenceInfo } from '../render/fence-info.ts';
import { condenseSentence, plainText } from './sentences.ts';

/** A unit of slide content; a list is split item by item when a slide overflows. */
export type Block =
  | { readonly kind: 'html'; readonly html: string; readonly role: 'lead' | 'formula' | 'table' | 'code' | 'text' }
  | { readonly kind: 'list'; readonly ordered: boolean; readonly items: readonly string[] };

export type SlideKind = 'title' | 'content' | 'diagram' | 'plan' | 'closing';

export interface SlidePlan {
  readonly kind: SlideKind;
  /** Slide heading, plain text. */
  readonly heading: string;
  readonly blocks: readonly Block[];
  /** Presenter notes, plain text. */
  readonly notes: string;
  /** Part of the 5-minute version of a paper talk. */
  readonly short?: boolean;
  /** Set on a slide that continues the one before it. */
  readonly continued?: boolean;
  /** Smaller type, the fitter's step before moving content to the notes. */
  readonly dense?: boolean;
  readonly diagram?: Diagram;
}

export interface DeckPlan {
  readonly item: Item;
  /** `P01-attention-is-all-you-need`: the output file name without extension. */
  readonly name: string;
  readonly slides: readonly SlidePlan[];
}

/** Parts that the deck shows in its own way instead of as condensed content slides. */
const SPECIAL_PARTS = new Set(['Paper', 'How to present it', 'Key points', 'Follow-ups', 'Questions to expect']);
/** Paper parts that open the 5-minute version: problem, idea, evidence, critique (the paper-discussion guide). */
const SHORT_PAPER_PARTS = new Set(['Problem and motivation', 'Method', 'Results', 'Weaknesses and critique']);
const MAX_CODE_LINES = 14;
const MAX_TABLE_ROWS = 9;
const MAX_FORMULAS = 2;
/** Later paragraphs without a bold lead: the first sentences of this many become bullets. */
const MAX_PLAIN_BULLETS = 3;

export function renderStars(n: number): string {
  return '★'.repeat(n) + '☆'.repeat(Math.max(0, 5 - n));
}

/** The slides render cross-references as plain labels: a deck is presented, not browsed. */
export function slideEnv(item: Item, lookup: (id: string) => Item | undefined): RenderEnv {
  return {
    math: 'htmlAndMathml',
    xref: (id) => {
      const target = lookup(id);
      return target ? { href: `#${id}`, label: id, title: target.title } : undefined;
    },
    diagram: (id) => item.diagrams.find((d) => d.id === id),
    figure: () => '',
  };
}

const unlink = (html: string): string => html.replace(/<a class="xref"[^>]*>([\s\S]*?)<\/a>/g, '<span class="xref">$1</span>');

interface Segment {
  readonly heading: string;
  readonly source: string;
}

/** A part cut at its `###` headings; text before the first one is its own segment. */
function segmentsOf(part: Part): Segment[] {
  const lines = part.markdown.split('\n');
  const segments: { heading: string; lines: string[] }[] = [{ heading: part.heading, lines: [] }];
  let fence = false;
  for (const line of lines) {
    if (/^(```|~~~)/.test(line)) fence = !fence;
    const h3 = !fence && /^###\s+(.+?)\s*#*\s*$/.exec(line);
    if (h3) segments.push({ heading: `${part.heading}: ${h3[1]}`, lines: [] });
    else segments.at(-1)!.lines.push(line);
  }
  return segments
    .map((s) => ({ heading: s.heading, source: s.lines.join('\n').trim() }))
    .filter((s) => s.source.length > 0);
}

const sourceOf = (lines: readonly string[], token: Token): string => (token.map ? lines.slice(token.map[0], token.map[1]).join('\n') : '');

/** Source of each list item of the list opening at `tokens[start]`, without its marker. */
function listItems(tokens: readonly Token[], start: number, lines: readonly string[]): { items: string[]; end: number } {
  const items: string[] = [];
  const depth = tokens[start]!.level;
  let i = start + 1;
  for (; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.level === depth && (t.type === 'bullet_list_close' || t.type === 'ordered_list_close')) break;
    if (t.type === 'list_item_open' && t.level === depth + 1) {
      // Only the item's first paragraph: nested lists and code stay in the notes.
      const para = tokens.slice(i + 1).find((x) => x.type === 'paragraph_open' || x.type === 'list_item_close');
      const text = para && para.type === 'paragraph_open' ? sourceOf(lines, para) : '';
      items.push(text.replace(/^\s*(?:[-*+]|\d+[.)])\s+/, ''));
    }
  }
  return { items, end: i };
}

/** A segment's slide content plus the diagrams it contains, in source order. */
function condenseSegment(source: string, md: MarkdownIt, env: RenderEnv): { blocks: Block[]; diagrams: string[] } {
  const lines = source.split('\n');
  const tokens = md.parse(source, env);
  const blocks: Block[] = [];
  const diagrams: string[] = [];
  const bullets: string[] = [];
  let formulas = 0;
  let paragraphs = 0;
  let plainBullets = 0;
  const inline = (markdown: string) => unlink(md.renderInline(markdown, env));
  const flushBullets = () => {
    if (bullets.length) blocks.push({ kind: 'list', ordered: false, items: bullets.splice(0).map(inline) });
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.level !== 0) continue;
    switch (t.type) {
      case 'paragraph_open': {
        const text = sourceOf(lines, t);
        paragraphs++;
        if (paragraphs === 1) blocks.push({ kind: 'html', role: 'lead', html: `<p class="lead">${inline(condenseSentence(text))}</p>` });
        else if (/^\*\*[^*]+\*\*/.test(text.trim()) || plainBullets++ < MAX_PLAIN_BULLETS) bullets.push(condenseSentence(text));
        break;
      }
      case 'bullet_list_open':
      case 'ordered_list_open': {
        flushBullets();
        const { items, end } = listItems(tokens, i, lines);
        blocks.push({ kind: 'list', ordered: t.type === 'ordered_list_open', items: items.map((x) => inline(condenseSentence(x))) });
        i = end;
        break;
      }
      case 'math_block':
      case 'math_block_eqno': {
        if (formulas++ < MAX_FORMULAS) {
          flushBullets();
          blocks.push({ kind: 'html', role: 'formula', html: unlink(md.renderer.render([t], md.options, env)) });
        }
        break;
      }
      case 'fence': {
        const info = parseFenceInfo(t.info);
        if (info.lang === 'dot' && info.id) diagrams.push(info.id);
        else if (t.content.split('\n').length - 1 <= MAX_CODE_LINES) {
          flushBullets();
          blocks.push({ kind: 'html', role: 'code', html: md.renderer.render([t], md.options, env) });
        }
        break;
      }
      case 'table_open': {
        const rows = tokens.slice(i).findIndex((x) => x.type === 'table_close');
        const trCount = tokens.slice(i, i + rows).filter((x) => x.type === 'tr_open').length;
        if (trCount <= MAX_TABLE_ROWS) {
          flushBullets();
          blocks.push({ kind: 'html', role: 'table', html: unlink(md.render(sourceOf(lines, t), env)) });
        }
        i += rows;
        break;
      }
      default:
        break;
    }
  }
  flushBullets();
  return { blocks, diagrams };
}

/** Bold leads of a list ("**Why …?** answer") as the questions of a closing slide. */
function questionsOf(part: Part, md: MarkdownIt, env: RenderEnv): string[] {
  const lines = part.markdown.split('\n');
  const tokens = md.parse(part.markdown, env);
  const start = tokens.findIndex((t) => t.type === 'bullet_list_open' || t.type === 'ordered_list_open');
  if (start < 0) return [];
  return listItems(tokens, start, lines).items.map((text) => {
    const lead = /^\*\*(.+?)\*\*/.exec(text.trim());
    return unlink(md.renderInline(lead ? lead[1]! : condenseSentence(text), env));
  });
}

function titleSlide(item: Item, sectionTitle: string, md: MarkdownIt, env: RenderEnv): SlidePlan {
  const topics = item.topics.map((t) => `<span class="topic">${escapeHtml(t)}</span>`).join(' ');
  const blocks: Block[] = [
    { kind: 'html', role: 'text', html: `<p class="meta"><span class="item-id">${item.id}</span> <span class="stars" aria-label="${item.difficulty} of 5 stars">${renderStars(item.difficulty)}</span> <span class="section-name">${escapeHtml(sectionTitle)}</span></p>` },
    { kind: 'html', role: 'text', html: `<p class="topics">${topics}</p>` },
  ];
  const paper = item.parts.find((p) => p.heading === 'Paper');
  if (paper) {
    blocks.push({ kind: 'html', role: 'text', html: `<div class="citation"><p class="label">Paper</p>${unlink(md.render(paper.markdown, env))}</div>` });
  }
  return { kind: 'title', heading: item.title, blocks, notes: paper ? plainText(paper.markdown) : `${item.id}: ${item.title}.` };
}

/** The paper's own outlines: the 15-minute plan, with the 5-minute one beside it. */
function planSlide(part: Part, md: MarkdownIt, env: RenderEnv): SlidePlan {
  const blocks: Block[] = [];
  for (const segment of segmentsOf(part)) {
    const name = segment.heading.replace(/^How to present it:\s*/, '');
    const tokens = md.parse(segment.source, env);
    const start = tokens.findIndex((t) => t.type === 'ordered_list_open' || t.type === 'bullet_list_open');
    if (start < 0) continue;
    const { items } = listItems(tokens, start, segment.source.split('\n'));
    const steps = items.map((text) => {
      const lead = /^\*\*(.+?)\*\*/.exec(text.trim());
      return unlink(md.renderInline(lead ? lead[1]! : condenseSentence(text), env));
    });
    // One block per outline, set side by side in two columns by the theme.
    blocks.push({ kind: 'html', role: 'text', html: `<div class="outline"><p class="outline-name">${escapeHtml(name)}</p><ol>${steps.map((s) => `<li>${s}</li>`).join('')}</ol></div>` });
  }
  blocks.push({ kind: 'html', role: 'text', html: '<p class="legend"><span class="short-mark">5 min</span> marks the slides of the 5-minute version; all slides make the 15-minute version.</p>' });
  return { kind: 'plan', heading: part.heading, blocks, notes: plainText(part.markdown) };
}

/**
 * Plans the deck of a design or paper item. `slideDiagram` may re-lay a diagram out for the
 * slide's shape (see diagram-layout.ts); by default diagrams are shown as the book has them.
 */
export function planDeck(
  item: Item, sectionTitle: string, md: MarkdownIt, lookup: (id: string) => Item | undefined,
  slideDiagram: (diagram: Diagram) => Diagram = (d) => d,
): DeckPlan {
  const env = slideEnv(item, lookup);
  const slides: SlidePlan[] = [titleSlide(item, sectionTitle, md, env)];
  const isPaper = item.kind === 'paper';
  const present = item.parts.find((p) => p.heading === 'How to present it');
  if (present) slides.push(planSlide(present, md, env));

  for (const part of item.parts) {
    if (SPECIAL_PARTS.has(part.heading)) continue;
    let firstOfPart = true;
    for (const segment of segmentsOf(part)) {
      const { blocks, diagrams } = condenseSegment(segment.source, md, env);
      const short = isPaper && firstOfPart && SHORT_PAPER_PARTS.has(part.heading);
      if (blocks.length) slides.push({ kind: 'content', heading: segment.heading, blocks, notes: plainText(segment.source), ...(short ? { short } : {}) });
      for (const id of diagrams) {
        const diagram = item.diagrams.find((d) => d.id === id);
        if (!diagram) continue;
        // The idea of a paper is shown with its first diagram in the short version too.
        const shortDiagram = isPaper && part.heading === 'Method' && diagram.number === 1;
        slides.push({
          kind: 'diagram', heading: `Figure ${item.id}.${diagram.number} ${diagram.caption}`, blocks: [], diagram: slideDiagram(diagram),
          notes: `Figure ${item.id}.${diagram.number}: ${diagram.caption}. Walk through it from the request or input to the output.`,
          ...(shortDiagram ? { short: true } : {}),
        });
      }
      firstOfPart = false;
    }
  }

  const keyPoints = item.parts.find((p) => p.heading === 'Key points');
  if (keyPoints) {
    const { blocks } = condenseSegment(keyPoints.markdown, md, env);
    // Key points are already what a presenter says: keep them whole, not cut to a first sentence.
    const tokens = md.parse(keyPoints.markdown, env);
    const start = tokens.findIndex((t) => t.type === 'bullet_list_open');
    const full = start >= 0 ? listItems(tokens, start, keyPoints.markdown.split('\n')).items.map((x) => unlink(md.renderInline(x.replace(/\s*\n\s*/g, ' '), env))) : [];
    slides.push({ kind: 'content', heading: 'Key points', blocks: full.length ? [{ kind: 'list', ordered: false, items: full }] : blocks, notes: plainText(keyPoints.markdown) });
  }
  const questions = item.parts.find((p) => p.heading === 'Questions to expect' || p.heading === 'Follow-ups');
  if (questions) {
    const heading = questions.heading === 'Follow-ups' ? 'Questions to expect: follow-ups' : 'Questions to expect';
    slides.push({ kind: 'closing', heading, blocks: [{ kind: 'list', ordered: false, items: questionsOf(questions, md, env) }], notes: plainText(questions.markdown) });
  }
  return { item, name: `${item.id}-${item.slug}`, slides };
}
