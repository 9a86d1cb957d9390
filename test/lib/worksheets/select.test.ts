import { beforeAll, describe, expect, it } from 'vitest';
import { loadBook } from '../../../scripts/lib/load/loader.ts';
import type { Book } from '../../../scripts/lib/model.ts';
import {
  createRng, matchesFilters, parseDifficulty, ROLE_PRESETS, ROLES, scaleQuotas, selectForRole, selectItems, shuffle, type Filters,
} from '../../../scripts/lib/worksheets/select.ts';
import { PROJECT_ROOT } from '../../helpers/fixture.ts';

let book: Book;
beforeAll(async () => {
  const loaded = await loadBook({ root: PROJECT_ROOT, date: new Date(0) });
  if (!loaded.ok) throw new Error('the book does not load');
  book = loaded.book;
});

const ids = (selection: ReturnType<typeof selectItems>) => (selection.ok ? selection.items.map((i) => i.id) : []);
const bookOrder = (list: readonly string[]) => list.map((id) => book.items.findIndex((i) => i.id === id));

describe('seeded draws', () => {
  it('give the same sequence for the same seed and another for another seed', () => {
    const a = createRng(7);
    const b = createRng(7);
    const first = Array.from({ length: 5 }, a);
    expect(Array.from({ length: 5 }, b)).toEqual(first);
    expect(Array.from({ length: 5 }, createRng(8))).not.toEqual(first);
    expect(first.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('shuffle permutes without touching the input', () => {
    const input = Array.from({ length: 50 }, (_, i) => i);
    const out = shuffle(input, createRng(1));
    expect(input).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect([...out].sort((x, y) => x - y)).toEqual(input);
    expect(out).not.toEqual(input);
  });
});

describe('parseDifficulty', () => {
  it('reads N and N-M and rejects the rest', () => {
    expect(parseDifficulty('3')).toEqual([3, 3]);
    expect(parseDifficulty('2-3')).toEqual([2, 3]);
    expect(parseDifficulty(' 1 - 4 ')).toEqual([1, 4]);
    for (const bad of ['', '3-2', '0', '6', '2-', 'two', '2-3-4']) expect(parseDifficulty(bad), bad).toBeUndefined();
  });
});

describe('selectItems', () => {
  const filters: Filters = { sections: ['theory'], difficulty: [2, 3], topics: ['optimization'] };

  it('picks only items that match every filter, as many as asked, in book order', () => {
    const pool = book.items.filter((i) => matchesFilters(i, filters));
    expect(pool.length).toBeGreaterThan(5);
    const chosen = selectItems(book, filters, { count: 5, seed: 7 });
    expect(chosen.ok).toBe(true);
    if (!chosen.ok) return;
    expect(chosen.items).toHaveLength(5);
    for (const item of chosen.items) {
      expect(item.section, item.id).toBe('theory');
      expect(item.difficulty, item.id).toBeGreaterThanOrEqual(2);
      expect(item.difficulty, item.id).toBeLessThanOrEqual(3);
      expect(item.topics, item.id).toContain('optimization');
    }
    const order = bookOrder(ids(chosen));
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it('is deterministic by seed, and the seed matters', () => {
    const once = ids(selectItems(book, filters, { count: 5, seed: 7 }));
    expect(ids(selectItems(book, filters, { count: 5, seed: 7 }))).toEqual(once);
    const others = [1, 2, 3, 4, 5, 6].map((seed) => ids(selectItems(book, filters, { count: 5, seed })).join(' '));
    expect(new Set([...others, once.join(' ')]).size).toBeGreaterThan(1);
  });

  it('gives all matches with a note when fewer match than asked', () => {
    const pool = book.items.filter((i) => matchesFilters(i, filters)).map((i) => i.id);
    const chosen = selectItems(book, filters, { count: pool.length + 5, seed: 1 });
    expect(ids(chosen)).toEqual(pool);
    expect(chosen.ok && chosen.notes.join(' ')).toMatch(new RegExp(`only ${pool.length} items match`));
  });

  it('explains a filter that matches nothing', () => {
    const none = selectItems(book, { sections: ['stats'], difficulty: [4, 5] }, { count: 10, seed: 1 });
    expect(none.ok).toBe(false);
    if (none.ok) return;
    expect(none.message).toBe('no item matches --section stats --difficulty 4-5');
    expect(none.hint).toContain(`in stats: ${book.sections.find((s) => s.key === 'stats')!.items.length}`);
    expect(none.hint).toContain('with 4–5 stars: 0');
  });

  it('names unknown sections and topics, with the nearest topic', () => {
    const topic = selectItems(book, { topics: ['optimisation'] }, { seed: 1 });
    expect(topic.ok ? '' : topic.message).toBe('unknown topic "optimisation" (did you mean "optimization"?)');
    const section = selectItems(book, { sections: ['maths' as never] }, { seed: 1 });
    expect(section.ok ? '' : section.message).toMatch(/^unknown section "maths"; sections are theory, stats/);
  });
});

describe('role presets', () => {
  it('each quota table adds up to ten and names real sections', () => {
    for (const role of ROLES) {
      const quotas = ROLE_PRESETS[role].quotas;
      expect(Object.values(quotas).reduce((a, b) => a + b, 0), role).toBe(10);
      for (const key of Object.keys(quotas)) expect(book.sections.some((s) => s.key === key), `${role}: ${key}`).toBe(true);
      // Balanced: no section takes more than a third of the set, and at least four sections are in it.
      expect(Math.max(...Object.values(quotas)), role).toBeLessThanOrEqual(3);
      expect(Object.keys(quotas).length, role).toBeGreaterThanOrEqual(4);
    }
  });

  it('draws each section its quota, deterministically by seed', () => {
    for (const role of ROLES) {
      for (const seed of [1, 2, 3]) {
        const chosen = selectForRole(book, role, {}, { seed });
        expect(chosen.ok, role).toBe(true);
        if (!chosen.ok) continue;
        const perSection: Record<string, number> = {};
        for (const item of chosen.items) perSection[item.section] = (perSection[item.section] ?? 0) + 1;
        expect(perSection, `${role} seed ${seed}`).toEqual(ROLE_PRESETS[role].quotas);
        expect(selectForRole(book, role, {}, { seed }), `${role} seed ${seed}`).toEqual(chosen);
        const order = bookOrder(chosen.items.map((i) => i.id));
        expect(order).toEqual([...order].sort((a, b) => a - b));
      }
    }
  });

  it("draws the role's topics first within a section", () => {
    const preset = ROLE_PRESETS['ai-engineer'];
    const chosen = selectForRole(book, 'ai-engineer', {}, { seed: 4 });
    if (!chosen.ok) throw new Error(chosen.message);
    const theory = chosen.items.filter((i) => i.section === 'theory');
    const available = book.items.filter((i) => i.section === 'theory' && i.topics.some((t) => preset.preferTopics.includes(t)));
    expect(available.length).toBeGreaterThanOrEqual(theory.length);
    for (const item of theory) expect(item.topics.some((t) => preset.preferTopics.includes(t)), item.id).toBe(true);
  });

  it('scales the quotas to another count and still honours the filters', () => {
    expect([...scaleQuotas(ROLE_PRESETS.mle.quotas, 20).values()].reduce((a, b) => a + b, 0)).toBe(20);
    expect([...scaleQuotas(ROLE_PRESETS.mle.quotas, 4).values()].reduce((a, b) => a + b, 0)).toBe(4);
    const senior = selectForRole(book, 'mle', { difficulty: [3, 5] }, { seed: 2, count: 6 });
    if (!senior.ok) throw new Error(senior.message);
    expect(senior.items).toHaveLength(6);
    for (const item of senior.items) expect(item.difficulty, item.id).toBeGreaterThanOrEqual(3);
  });
});
