/** Where things live in dist/site/: flat .html files so the site also works opened from disk. */
import type { Item, Guide } from '../model.ts';

export const itemUrl = (item: Pick<Item, 'id' | 'slug' | 'section'>): string => `${item.section}/${item.id.toLowerCase()}-${item.slug}.html`;
export const sectionUrl = (key: string): string => `${key}/index.html`;
export const guideUrl = (guide: Pick<Guide, 'slug'>): string => `guides/${guide.slug}.html`;
export const topicsUrl = 'topics.html';

/** Relative URL from the page at `from` to `to` (both root-relative, no leading slash). */
export function relativeUrl(from: string, to: string): string {
  const fromDirs = from.replace(/^\//, '').split('/').slice(0, -1);
  const toParts = to.replace(/^\//, '').split('/');
  let common = 0;
  while (common < fromDirs.length && common < toParts.length - 1 && fromDirs[common] === toParts[common]) common++;
  const up = fromDirs.length - common;
  return `${'../'.repeat(up)}${toParts.slice(common).join('/')}`;
}
