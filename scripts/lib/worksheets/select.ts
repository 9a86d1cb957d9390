/**
 * Choosing the items of a custom worksheet: filters (sections, stars, topics), a seeded pick
 * (the same seed gives the same set, so a mock interview can be handed out again), and role
 * presets that balance the sections the way real interview loops do. Pure: no disk, no clock.
 */
import type { Book, Item } from '../model.ts';
import { SECTIONS, type SectionKey } from '../sections.ts';

export interface Filters {
  readonly sections?: readonly SectionKey[];
  /** Inclusive stars range. */
  readonly difficulty?: readonly [number, number];
  /** An item matches when it has any of these topics. */
  readonly topics?: readonly string[];
}

export type Role = 'mle' | 'applied-scientist' | 'ai-engineer';

export interface RolePreset {
  readonly title: string;
  /** Items per section in a ten-item set (scaled for other counts). */
  readonly quotas: Readonly<Partial<Record<SectionKey, number>>>;
  /** Within a section, items with these topics are drawn first. */
  readonly preferTopics: readonly string[];
}

/**
 * Ten-item mock loops per role. Why these weights: an ML engineer loop is coding-heavy and always
 * has an ML system design round; an applied scientist loop leans on statistics and experiment
 * design, modelling depth and usually a paper discussion; an AI engineer loop centres on LLMs,
 * retrieval and serving, with design rounds about putting generative models into production.
 */
export const ROLE_PRESETS: Readonly<Record<Role, RolePreset>> = {
  mle: {
    title: 'ML engineer',
    quotas: { theory: 3, stats: 1, coding: 3, 'model-design': 1, 'system-design': 2 },
    preferTopics: ['production', 'serving', 'monitoring', 'data-pipelines', 'feature-engineering', 'numpy'],
  },
  'applied-scientist': {
    title: 'Applied scientist',
    quotas: { theory: 3, stats: 3, coding: 1, 'model-design': 2, papers: 1 },
    preferTopics: ['statistics', 'hypothesis-testing', 'ab-testing', 'causal-inference', 'evaluation', 'probabilistic-models'],
  },
  'ai-engineer': {
    title: 'AI engineer',
    quotas: { theory: 3, coding: 2, 'model-design': 1, 'system-design': 2, papers: 2 },
    preferTopics: ['llm', 'transformers', 'rag', 'retrieval', 'embeddings', 'llm-evaluation', 'fine-tuning', 'serving', 'tokenization', 'attention'],
  },
};

export const ROLES = Object.keys(ROLE_PRESETS) as Role[];

export type Selection =
  | { readonly ok: true; readonly items: readonly Item[]; readonly notes: readonly string[] }
  | { readonly ok: false; readonly message: string; readonly hint: string };

/** mulberry32: a small, well-mixed 32-bit PRNG; the same seed gives the same sequence on every machine. */
export function createRng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A seeded Fisher–Yates shuffle (a copy; the input is not touched). */
export function shuffle<T>(items: readonly T[], rng: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Parses `3` or `2-3` into an inclusive range. */
export function parseDifficulty(text: string): readonly [number, number] | undefined {
  const m = /^\s*([1-5])\s*(?:-\s*([1-5]))?\s*$/.exec(text);
  if (!m) return undefined;
  const lo = Number(m[1]);
  const hi = Number(m[2] ?? m[1]);
  return lo <= hi ? [lo, hi] : undefined;
}

export function describeFilters(filters: Filters): string {
  const parts: string[] = [];
  if (filters.sections?.length) parts.push(`--section ${filters.sections.join(',')}`);
  if (filters.difficulty) parts.push(`--difficulty ${filters.difficulty[0] === filters.difficulty[1] ? filters.difficulty[0] : filters.difficulty.join('-')}`);
  if (filters.topics?.length) parts.push(`--topics ${filters.topics.join(',')}`);
  return parts.join(' ') || '(no filters)';
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}

/** Unknown section or topic names: a message for each, with the nearest known name. */
export function checkFilterNames(book: Book, filters: Filters): string | undefined {
  const nearest = (name: string, known: readonly string[]) => [...known].sort((x, y) => editDistance(name, x) - editDistance(name, y))[0];
  for (const key of filters.sections ?? []) {
    if (!SECTIONS.some((s) => s.key === key)) return `unknown section "${key}"; sections are ${SECTIONS.map((s) => s.key).join(', ')}`;
  }
  const topics = [...book.topics.keys()];
  for (const topic of filters.topics ?? []) {
    if (!book.topics.has(topic)) return `unknown topic "${topic}" (did you mean "${nearest(topic, topics)}"?)`;
  }
  return undefined;
}

export function matchesFilters(item: Item, filters: Filters): boolean {
  if (filters.sections?.length && !filters.sections.includes(item.section)) return false;
  if (filters.difficulty && (item.difficulty < filters.difficulty[0] || item.difficulty > filters.difficulty[1])) return false;
  if (filters.topics?.length && !item.topics.some((t) => filters.topics!.includes(t))) return false;
  return true;
}

/** Why nothing matched: the filters applied one at a time, with the count left after each. */
function explainEmpty(book: Book, filters: Filters): string {
  const steps: string[] = [];
  let pool = book.items;
  const narrow = (label: string, keep: (i: Item) => boolean) => {
    pool = pool.filter(keep);
    steps.push(`${label}: ${pool.length}`);
  };
  if (filters.sections?.length) narrow(`in ${filters.sections.join(', ')}`, (i) => filters.sections!.includes(i.section));
  if (filters.difficulty) {
    const [lo, hi] = filters.difficulty;
    narrow(`with ${lo === hi ? lo : `${lo}–${hi}`} stars`, (i) => i.difficulty >= lo && i.difficulty <= hi);
  }
  if (filters.topics?.length) narrow(`tagged ${filters.topics.join(' or ')}`, (i) => i.topics.some((t) => filters.topics!.includes(t)));
  const ranges = (filters.sections ?? []).map((key) => {
    const spec = SECTIONS.find((s) => s.key === key)!;
    return `${key} items take ${spec.stars[0]}–${spec.stars[1]} stars`;
  });
  return `items ${steps.join(', ')}${ranges.length ? ` (${ranges.join('; ')})` : ''}`;
}

const inBookOrder = (book: Book, items: readonly Item[]): Item[] => {
  const order = new Map(book.items.map((item, i) => [item.id, i]));
  return [...items].sort((a, b) => order.get(a.id)! - order.get(b.id)!);
};

/** `count` items matching the filters, drawn with the seed, in book order (all of them when count is omitted). */
export function selectItems(book: Book, filters: Filters, options: { count?: number; seed: number }): Selection {
  const unknown = checkFilterNames(book, filters);
  if (unknown) return { ok: false, message: unknown, hint: 'section and topic names are lower-case kebab words, as in the book' };
  const pool = book.items.filter((item) => matchesFilters(item, filters));
  if (!pool.length) {
    return { ok: false, message: `no item matches ${describeFilters(filters)}`, hint: `${explainEmpty(book, filters)}; widen a filter` };
  }
  const count = options.count ?? pool.length;
  const notes = count > pool.length ? [`only ${pool.length} items match ${describeFilters(filters)}; the worksheet has all of them`] : [];
  return { ok: true, items: inBookOrder(book, shuffle(pool, createRng(options.seed)).slice(0, count)), notes };
}

/** Splits `total` over the quotas in proportion (largest remainder, ties in section order). */
export function scaleQuotas(quotas: RolePreset['quotas'], total: number): Map<SectionKey, number> {
  const keys = SECTIONS.map((s) => s.key).filter((k) => (quotas[k] ?? 0) > 0);
  const sum = keys.reduce((n, k) => n + quotas[k]!, 0);
  const exact = keys.map((k) => ({ k, share: (quotas[k]! * total) / sum }));
  const out = new Map(exact.map(({ k, share }) => [k, Math.floor(share)]));
  let left = total - [...out.values()].reduce((a, b) => a + b, 0);
  for (const { k } of [...exact].sort((a, b) => (b.share % 1) - (a.share % 1) || keys.indexOf(a.k) - keys.indexOf(b.k))) {
    if (left-- <= 0) break;
    out.set(k, out.get(k)! + 1);
  }
  return out;
}

/**
 * A balanced set for a role: each section's quota drawn with the seed, items with the role's
 * topics first. The filters still apply (e.g. `--difficulty 3-4` for a senior loop); a section
 * short of its quota gives what it has and the set is topped up from the role's other sections.
 */
export function selectForRole(book: Book, role: Role, filters: Filters, options: { count?: number; seed: number }): Selection {
  const preset = ROLE_PRESETS[role];
  const unknown = checkFilterNames(book, filters);
  if (unknown) return { ok: false, message: unknown, hint: 'section and topic names are lower-case kebab words, as in the book' };
  const total = options.count ?? Object.values(preset.quotas).reduce((a, b) => a + b, 0);
  const rng = createRng(options.seed);
  const quotas = scaleQuotas(preset.quotas, total);
  const chosen: Item[] = [];
  const spare: Item[] = [];
  for (const [key, quota] of quotas) {
    const pool = book.items.filter((item) => item.section === key && matchesFilters(item, filters));
    const drawn = shuffle(pool, rng);
    const preferred = (item: Item) => (item.topics.some((t) => preset.preferTopics.includes(t)) ? 0 : 1);
    const ranked = drawn.map((item, i) => ({ item, i })).sort((a, b) => preferred(a.item) - preferred(b.item) || a.i - b.i).map((x) => x.item);
    chosen.push(...ranked.slice(0, quota));
    spare.push(...ranked.slice(quota));
  }
  if (!chosen.length && !spare.length) {
    const sections = [...quotas.keys()];
    return {
      ok: false,
      message: `no item for the ${preset.title} preset matches ${describeFilters(filters)}`,
      hint: `${explainEmpty(book, { ...filters, sections: filters.sections ?? sections })}; widen a filter`,
    };
  }
  const notes: string[] = [];
  if (chosen.length < total) {
    const topUp = shuffle(spare, rng).slice(0, total - chosen.length);
    chosen.push(...topUp);
    if (chosen.length < total) notes.push(`only ${chosen.length} items match the ${preset.title} preset and ${describeFilters(filters)}`);
  }
  return { ok: true, items: inBookOrder(book, chosen), notes };
}
