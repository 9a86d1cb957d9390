/**
 * Making every slide fit its frame. The browser measures which slides overflow; this module
 * decides what to do about each, without a browser: split it in two (by blocks, or list items),
 * then set it in smaller type, and only then move its largest block to the presenter notes.
 * Each step makes progress, so repeating measure-and-fit ends.
 */
import type { Block, DeckPlan, SlidePlan } from './deck.ts';

/** Content units of a slide: a list counts once per item, anything else once. */
function units(blocks: readonly Block[]): number {
  return blocks.reduce((n, b) => n + (b.kind === 'list' ? b.items.length : 1), 0);
}

/** Splits blocks after `count` units; a list may be cut between its items. */
function splitBlocks(blocks: readonly Block[], count: number): [Block[], Block[]] {
  const first: Block[] = [];
  const second: Block[] = [];
  let taken = 0;
  for (const block of blocks) {
    const size = block.kind === 'list' ? block.items.length : 1;
    if (taken >= count) second.push(block);
    else if (taken + size <= count) {
      first.push(block);
      taken += size;
    } else if (block.kind === 'list') {
      const cut = count - taken;
      first.push({ ...block, items: block.items.slice(0, cut) });
      second.push({ ...block, items: block.items.slice(cut) });
      taken = count;
    } else second.push(block);
  }
  return [first, second];
}

const blockLength = (b: Block): number => (b.kind === 'list' ? b.items.join('').length : b.html.length);

/**
 * One fitting step for an overflowing slide: the slides that replace it. Too tall: split first.
 * Too wide (a formula, table or code line): splitting cannot help, so smaller type comes first.
 */
export function fitSlide(slide: SlidePlan, tooWide = false): SlidePlan[] {
  const n = units(slide.blocks);
  if (!tooWide && slide.kind !== 'title' && slide.kind !== 'diagram' && n >= 2) {
    const [first, second] = splitBlocks(slide.blocks, Math.ceil(n / 2));
    return [
      { ...slide, blocks: first },
      { ...slide, blocks: second, continued: true, notes: 'Continued from the previous slide.', short: false },
    ];
  }
  if (!slide.dense) return [{ ...slide, dense: true }];
  const droppable = slide.blocks.filter((b) => b.kind === 'html' && b.role !== 'lead' && b.role !== 'text');
  if (droppable.length) {
    const largest = droppable.reduce((a, b) => (blockLength(b) >= blockLength(a) ? b : a));
    const note = { kind: 'html', role: 'text', html: '<p class="moved">Shown in full in the book; see the notes.</p>' } as const;
    return [{ ...slide, blocks: slide.blocks.map((b) => (b === largest ? note : b)) }];
  }
  throw new Error(`slide "${slide.heading}" does not fit even in small type and has nothing left to move to the notes`);
}

/** Applies one fitting step to each overflowing slide: slide index -> whether it is too wide. */
export function fitDeck(deck: DeckPlan, overflowing: ReadonlyMap<number, boolean>): DeckPlan {
  if (!overflowing.size) return deck;
  return { ...deck, slides: deck.slides.flatMap((slide, i) => (overflowing.has(i) ? fitSlide(slide, overflowing.get(i)) : [slide])) };
}
