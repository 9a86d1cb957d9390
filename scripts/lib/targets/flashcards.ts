/**
 * Flashcards: dist/flashcards/ml-interview-prep.csv, one Anki card per item (question on the
 * front, key points on the back), importable as it is by Anki 2.1.54 and later.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Target } from './target.ts';
import { FLASHCARDS_FILE, renderFlashcards } from '../worksheets/flashcards.ts';

export const flashcardsTarget: Target = {
  name: 'flashcards',
  async build(book, ctx) {
    writeFileSync(join(ctx.outDir, FLASHCARDS_FILE), renderFlashcards(book));
    ctx.log(`flashcards: ${book.items.length} cards`);
  },
};
