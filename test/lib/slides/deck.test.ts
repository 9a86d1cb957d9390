/**
 * Deck planning on a fixture paper: what reaches the slides, what stays in the notes, and that
 * every part of the item is represented.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { loadBook } from '../../../scripts/lib/load/loader.ts';
import type { Book, Item } from '../../../scripts/lib/model.ts';
import { createMarkdown } from '../../../scripts/lib/render/markdown.ts';
import { planDeck, type DeckPlan, type SlidePlan } from '../../../scripts/lib/slides/deck.ts';
import { renderMarpMarkdown } from '../../../scripts/lib/slides/marp-markdown.ts';
import { PROJECT_ROOT } from '../../helpers/fixture.ts';

let book: Book;
let item: Item;
let deck: DeckPlan;
const html = (s: SlidePlan) => s.blocks.map((b) => (b.kind === 'list' ? b.items.join('\n') : b.html)).join('\n');

beforeAll(async () => {
  const loaded = await loadBook({ root: join(PROJECT_ROOT, 'test/fixtures/decks'), date: new Date(0) });
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.diagnostics));
  book = loaded.book;
  item = book.itemsById.get('P01')!;
  deck = planDeck(item, 'Paper Discussions', createMarkdown(), (id) => book.itemsById.get(id));
});

describe('planDeck', () => {
  it('opens with a title slide holding id, stars, topics and the citation', () => {
    const title = deck.slides[0]!;
    expect(title.kind).toBe('title');
    expect(title.heading).toBe(item.title);
    const body = html(title);
    expect(body).toContain('P01');
    expect(body).toContain('★★★★☆');
    for (const topic of item.topics) expect(body).toContain(topic);
    expect(body).toContain('Proceedings of Fixtures');
  });

  it('puts the paper outlines on a plan slide', () => {
    const plan = deck.slides.find((s) => s.kind === 'plan')!;
    expect(plan.heading).toBe('How to present it');
    expect(html(plan)).toContain('5-minute outline');
    expect(html(plan)).toContain('Problem (1 min).');
    expect(html(plan)).not.toContain('RNNs are slow');
  });

  it('cuts the first paragraph to its lead and keeps the rest in the notes', () => {
    const summary = deck.slides.find((s) => s.heading === 'Summary')!;
    expect(html(summary)).toContain('e.g. a softmax');
    expect(html(summary)).not.toContain('It trains faster');
    expect(summary.notes).toContain('It trains faster');
  });

  it('makes one slide per ### subsection, with formulas as KaTeX and short code kept', () => {
    const attention = deck.slides.find((s) => s.heading === 'Method: Attention')!;
    expect(html(attention)).toContain('class="katex');
    expect(html(attention)).toContain('<strong>Scaling.</strong> Dividing by');
    expect(html(attention)).not.toContain('Without it the softmax saturates');
    const training = deck.slides.find((s) => s.heading === 'Method: Training')!;
    expect(html(training)).toContain('<pre class="code"');
  });

  it('gives each diagram its own slide right after its section', () => {
    const at = deck.slides.findIndex((s) => s.kind === 'diagram');
    expect(deck.slides[at]!.diagram!.id).toBe('P01-flow');
    expect(deck.slides[at]!.heading).toContain('Data flow of the fixture model');
    expect(deck.slides[at - 1]!.heading).toBe('Method: Attention');
  });

  it('marks the 5-minute version: problem, first method slide and figure, results, critique', () => {
    const short = deck.slides.filter((s) => s.short).map((s) => s.heading);
    expect(short).toEqual(['Problem and motivation', 'Method: Attention', 'Figure P01.1 Data flow of the fixture model', 'Results', 'Weaknesses and critique']);
  });

  it('represents every part of the item somewhere in the deck', () => {
    const text = deck.slides.map((s) => `${s.heading}\n${html(s)}`).join('\n');
    for (const part of item.parts) expect(text.toLowerCase(), part.heading).toContain(part.heading.toLowerCase());
  });

  it('closes with the questions, answers in the notes, after whole key points', () => {
    const closing = deck.slides.at(-1)!;
    expect(closing.kind).toBe('closing');
    expect(html(closing)).toContain('Is decoding parallel?');
    expect(html(closing)).not.toContain('one token at a time');
    expect(closing.notes).toContain('one token at a time');
    const key = deck.slides.at(-2)!;
    expect(key.heading).toBe('Key points');
    expect(key.blocks[0]!.kind === 'list' && key.blocks[0]!.items).toHaveLength(3);
  });

  it('renders to Marp Markdown with one slide per plan, notes as comments and the theme', () => {
    const markdown = renderMarpMarkdown(deck);
    expect(markdown).toMatch(/^---\nmarp: true\ntheme: interview-prep\n/);
    expect(markdown.split('\n\n---\n\n')).toHaveLength(deck.slides.length);
    expect(markdown).toContain('data-diagram="P01-flow"');
    expect(markdown).toContain('It trains faster');
  });
});
