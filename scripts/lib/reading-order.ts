/**
 * The order a reader meets the book in print and on an e-reader: front guides, contents, the
 * remaining general guides, then each section preceded by the guides that prepare for it.
 */
import type { Book, Guide, Section } from './model.ts';
import { FRONT_GUIDES, SECTIONS } from './sections.ts';

export type Block =
  | { readonly kind: 'guide'; readonly guide: Guide }
  | { readonly kind: 'contents' }
  | { readonly kind: 'section'; readonly section: Section }
  | { readonly kind: 'index' };

export function readingOrder(book: Book): Block[] {
  const placed = new Set([...FRONT_GUIDES, ...SECTIONS.flatMap((s) => s.guides)]);
  const guide = (slug: string) => book.guides.find((g) => g.slug === slug);
  const blocks: Block[] = [];
  for (const slug of FRONT_GUIDES) {
    const g = guide(slug);
    if (g) blocks.push({ kind: 'guide', guide: g });
  }
  blocks.push({ kind: 'contents' });
  for (const g of book.guides) if (!placed.has(g.slug)) blocks.push({ kind: 'guide', guide: g });
  for (const section of book.sections) {
    if (section.items.length === 0) continue;
    const spec = SECTIONS.find((s) => s.key === section.key)!;
    for (const slug of spec.guides) {
      const g = guide(slug);
      if (g) blocks.push({ kind: 'guide', guide: g });
    }
    blocks.push({ kind: 'section', section });
  }
  blocks.push({ kind: 'index' });
  return blocks;
}
