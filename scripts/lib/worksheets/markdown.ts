/**
 * The book's markdown-it configuration, set up for worksheets and answer keys. A worksheet is a
 * stand-alone sheet: a cross-reference is the item's id and title with its page in the Letter
 * workbook, not a link into a document that is not there.
 */
import type MarkdownIt from 'markdown-it';
import type { Token } from 'markdown-it';
import type { Book } from '../model.ts';
import { createMarkdown, escapeHtml, type RenderEnv } from '../render/markdown.ts';

/** Item id -> its first page in the Letter workbook. */
export type WorkbookPages = Readonly<Record<string, number>>;

export interface PrintMarkdown {
  readonly md: MarkdownIt;
  readonly env: RenderEnv;
}

export function createPrintMarkdown(book: Book, pages: WorkbookPages): PrintMarkdown {
  const md = createMarkdown();
  const env: RenderEnv = {
    // Printed like the workbook: Chromium neither draws nor tags KaTeX's hidden MathML.
    math: 'html',
    xref: (id) => {
      const target = book.itemsById.get(id);
      return target && { href: `#item-${id}`, label: `${target.id} ${target.title}`, title: target.title };
    },
    diagram: (id) => book.diagramsById.get(id),
  };
  md.renderer.rules['xref'] = ((tokens: Token[], idx: number) => {
    const id = (tokens[idx]!.meta as { id: string }).id;
    const target = book.itemsById.get(id);
    if (!target) return escapeHtml(tokens[idx]!.markup);
    const page = pages[id] ? ` (workbook p.\u00a0${pages[id]})` : '';
    return `<span class="xref">${escapeHtml(`${target.id} ${target.title}`)}</span>${page}`;
  }) as never;
  return { md, env };
}
