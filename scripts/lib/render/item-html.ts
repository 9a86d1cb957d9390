/**
 * An item's body as HTML, part by part, shared by every output: the site, the print book and the
 * EPUB differ only in the render environment (math output, link targets, figure wrapper).
 */
import type MarkdownIt from 'markdown-it';
import type { Item } from '../model.ts';
import { escapeHtml, renderCode, type RenderEnv } from './markdown.ts';

export const slugify = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

export interface ItemHtmlOptions {
  /** Prefix for the ids of part headings, so they stay unique when many items share a page. */
  readonly idPrefix?: string;
  /** Heading level of the parts (2 on the site; 3 in the print book, where the item is the h2). */
  readonly partLevel?: 2 | 3;
}

export function renderItemParts(item: Item, md: MarkdownIt, env: RenderEnv, options: ItemHtmlOptions = {}): string {
  const level = options.partLevel ?? 2;
  const prefix = options.idPrefix ?? '';
  return item.parts.map((part) => {
    const id = `${prefix}${slugify(part.heading)}`;
    let html = `<section class="part part-${slugify(part.heading)}">\n<h${level} id="${id}">${escapeHtml(part.heading)}</h${level}>\n${md.render(part.markdown, env)}`;
    if (part.heading === 'Approach' && item.solution) {
      html += `<h${level + 1} id="${prefix}solution" class="solution-heading">Solution <span class="file-name">solution.py</span></h${level + 1}>\n${renderCode(item.solution.text, 'python')}`;
    }
    return `${html}</section>\n`;
  }).join('');
}
