/**
 * XHTML content documents: the shell every EPUB page shares, and the few rewrites that turn the
 * HTML markdown-it writes into XML (EPUB reading systems parse content as XML: one stray `<br>`
 * or `&nbsp;` and the whole chapter fails to open).
 */
import { escapeHtml } from '../render/markdown.ts';

export const BOOK_LANG = 'en-US';

export interface XhtmlPage {
  readonly title: string;
  readonly body: string;
  /** Path from the document to the stylesheet. */
  readonly cssHref: string;
  /** `epub:type` of <body> (e.g. `bodymatter`), when the whole document is one kind. */
  readonly bodyType?: string;
  readonly bodyClass?: string;
}

export function xhtmlDocument(page: XhtmlPage): string {
  const type = page.bodyType ? ` epub:type="${page.bodyType}"` : '';
  const cls = page.bodyClass ? ` class="${page.bodyClass}"` : '';
  return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="${BOOK_LANG}" xml:lang="${BOOK_LANG}">
<head>
<meta charset="UTF-8"/>
<title>${escapeHtml(page.title)}</title>
<link rel="stylesheet" type="text/css" href="${page.cssHref}"/>
</head>
<body${type}${cls}>
${page.body}
</body>
</html>
`;
}

/** XML predefines only five entities: anything else HTML-named becomes a numeric reference. */
const NAMED: Record<string, number> = { nbsp: 0xa0, ndash: 0x2013, mdash: 0x2014, hellip: 0x2026, times: 0xd7, middot: 0xb7, copy: 0xa9, rarr: 0x2192, larr: 0x2190 };

/**
 * Makes rendered HTML well-formed XHTML. markdown-it (with `xhtmlOut`) already closes void tags;
 * this converts HTML-only named entities and closes any void tag left open by other writers.
 */
export function toXhtml(html: string): string {
  return html
    .replace(/&([a-zA-Z][a-zA-Z0-9]*);/g, (m, name: string) => {
      if (['amp', 'lt', 'gt', 'quot', 'apos'].includes(name)) return m;
      const code = NAMED[name];
      if (code === undefined) throw new Error(`unknown HTML entity ${m} in rendered XHTML`);
      return `&#${code};`;
    })
    .replace(/<(br|hr|img|col|wbr)\b([^>]*?)\s*(?<!\/)>/g, '<$1$2/>');
}

/**
 * A page-break marker for the page-list: where a page of the print edition begins. Empty, so it
 * adds nothing to the text; labelled, so assistive technology can announce the page.
 */
export function pageBreak(page: number, id: string): string {
  return `<span epub:type="pagebreak" role="doc-pagebreak" id="${id}" aria-label="${page}"></span>`;
}
