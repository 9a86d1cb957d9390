import { describe, expect, it } from 'vitest';
import { fitDeck, fitSlide } from '../../../scripts/lib/slides/fit.ts';
import type { DeckPlan, SlidePlan } from '../../../scripts/lib/slides/deck.ts';

const list = (n: number) => ({ kind: 'list', ordered: false, items: Array.from({ length: n }, (_, i) => `item ${i + 1}`) }) as const;
const lead = { kind: 'html', role: 'lead', html: '<p class="lead">Lead.</p>' } as const;
const table = { kind: 'html', role: 'table', html: '<table><tr><td>a very wide table</td></tr></table>' } as const;
const slide = (blocks: SlidePlan['blocks'], extra: Partial<SlidePlan> = {}): SlidePlan => ({ kind: 'content', heading: 'H', blocks, notes: 'N', ...extra });

describe('fitSlide', () => {
  it('splits a tall slide in two halves by units, cutting a list between items', () => {
    const [a, b] = fitSlide(slide([lead, list(5)]));
    expect(a!.blocks).toEqual([lead, { ...list(5), items: ['item 1', 'item 2'] }]);
    expect(b!.blocks).toEqual([{ ...list(5), items: ['item 3', 'item 4', 'item 5'] }]);
    expect(b!.continued).toBe(true);
    expect(a!.continued).toBeUndefined();
  });
  it('keeps the 5-minute mark only on the first half', () => {
    const [a, b] = fitSlide(slide([lead, list(3)], { short: true }));
    expect(a!.short).toBe(true);
    expect(b!.short).toBe(false);
  });
  it('sets a too-wide slide in smaller type before splitting it', () => {
    const out = fitSlide(slide([lead, table]), true);
    expect(out).toHaveLength(1);
    expect(out[0]!.dense).toBe(true);
  });
  it('moves the largest block to the notes when smaller type is not enough', () => {
    const out = fitSlide(slide([table], { dense: true }));
    expect(out[0]!.blocks.some((b) => b === table)).toBe(false);
    expect(JSON.stringify(out[0]!.blocks)).toContain('see the notes');
  });
  it('fails with the slide heading when nothing is left to do', () => {
    expect(() => fitSlide(slide([lead], { dense: true, heading: 'Stuck' }))).toThrow(/Stuck/);
  });
});

describe('fitDeck', () => {
  it('replaces only the overflowing slides', () => {
    const deck = { name: 'x', item: {} as DeckPlan['item'], slides: [slide([lead]), slide([lead, list(2)])] } as DeckPlan;
    expect(fitDeck(deck, new Map())).toBe(deck);
    const fitted = fitDeck(deck, new Map([[1, false]]));
    expect(fitted.slides).toHaveLength(3);
    expect(fitted.slides[0]).toBe(deck.slides[0]);
  });
});
