/**
 * Which parts of an item a worksheet may print. A worksheet is for answering without looking,
 * so it carries only what the candidate is asked; everything after that is the answer, and the
 * key points go to the answer key and the flashcards.
 */
import type { Item, Part } from '../model.ts';
import { SECTIONS, type ItemKind } from '../sections.ts';

/** The headings that pose the question, per kind (the rest of the item answers it). */
export const QUESTION_HEADINGS: Readonly<Record<ItemKind, readonly string[]>> = {
  question: ['Question'],
  // The challenge's own signature stub (names, types, docstrings, `...` bodies): the API the
  // candidate implements, without the helpers and bodies of solution.py.
  coding: ['Problem', 'Signature'],
  'model-design': ['Prompt'],
  'system-design': ['Prompt'],
  // A paper discussion is asked by naming the paper.
  paper: ['Paper'],
};

export const KEY_POINTS = 'Key points';

export function questionParts(item: Item): readonly Part[] {
  const wanted = QUESTION_HEADINGS[item.kind];
  return item.parts.filter((p) => wanted.includes(p.heading));
}

/** Every part that is not the question: what must never appear on a worksheet. */
export function answerParts(item: Item): readonly Part[] {
  const wanted = QUESTION_HEADINGS[item.kind];
  return item.parts.filter((p) => !wanted.includes(p.heading));
}

export function findPart(item: Item, heading: string): Part {
  const part = item.parts.find((p) => p.heading === heading);
  // The loader rejects an item without its required headings, so this is a pipeline bug.
  if (!part) throw new Error(`${item.sourcePath}: item ${item.id} has no "## ${heading}" part`);
  return part;
}

export const keyPoints = (item: Item): Part => findPart(item, KEY_POINTS);

/**
 * The headings an answer of this kind is expected to cover, between the question and the key
 * points (e.g. "Requirements · Back-of-the-envelope · …" for system design): a checklist on
 * design worksheets that structures the answer without giving any of it away.
 */
export function answerOutline(kind: ItemKind): readonly string[] {
  const spec = SECTIONS.find((s) => s.kind === kind)!;
  const asked = QUESTION_HEADINGS[kind];
  return spec.headings.filter((h) => !asked.includes(h) && ![KEY_POINTS, 'Follow-ups', 'Questions to expect', 'How to present it'].includes(h));
}
