/**
 * The print renderer: a pure function from the Book to one HTML document that Paged.js paginates.
 * Links are in-document (`#item-T07`). Page numbers (contents, cross-references, index) are
 * `pageRef` placeholders that the finisher fills in once layout is done: Paged.js's own
 * target-counter() re-scans every page after each page it lays out, which made layout time grow
 * with the square of the page count.
 */
import type { Book, Diagram, Guide, Item, Section } from '../model.ts';
import { formatStars, SECTIONS } from '../sections.ts';
import { createMarkdown, escapeHtml, type RenderEnv } from '../render/markdown.ts';
import { renderItemParts } from '../render/item-html.ts';
import { readingOrder, type Block } from '../reading-order.ts';
import { renderCoverSvg } from '../cover.ts';
import { lineBreakableCode } from './code-lines.ts';

export type Paper = 'letter' | 'a4';

export const itemAnchor = (id: string): string => `item-${id}`;

/** A page number to fill in after layout; "000" reserves the width of any page number up to 999. */
export const pageRef = (anchor: string): string => `<span class="page-ref" data-target="${anchor}">000</span>`;
const sectionAnchor = (key: string): string => `section-${key}`;
const guideAnchor = (slug: string): string => `guide-${slug}`;

/**
 * In print a diagram is an <img> of its SVG (still vector in the PDF): Paged.js measures an
 * image as one box, while inline SVG let it place a figure that then ran off the page.
 */
function printFigure(diagram: Diagram): string {
  const src = `data:image/svg+xml;base64,${Buffer.from(diagram.svg).toString('base64')}`;
  // The image's size is known before it decodes (Graphviz gives it in pt): without it Paged.js can
  // measure a not-yet-decoded image as empty and let the figure run off the page.
  const pt = (name: string) => Number(new RegExp(`<svg[^>]*\\s${name}="([\\d.]+)pt"`).exec(diagram.svg)?.[1] ?? 0);
  const size = pt('width') && pt('height') ? ` width="${Math.round((pt('width') * 4) / 3)}" height="${Math.round((pt('height') * 4) / 3)}"` : '';
  return `<figure class="diagram" id="${escapeHtml(diagram.id)}">\n<img class="diagram-img" src="${src}"${size} alt="${escapeHtml(diagram.caption)}">\n` +
    `<figcaption><span class="figure-number">Figure ${diagram.itemId}.${diagram.number}</span> ${escapeHtml(diagram.caption)}</figcaption>\n</figure>\n`;
}

export function formatDate(date: Date): string {
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date);
}

function starRange(section: Section): string {
  const stars = section.items.map((i) => i.difficulty);
  const lo = Math.min(...stars);
  const hi = Math.max(...stars);
  return lo === hi ? formatStars(lo) : `${formatStars(lo)} to ${formatStars(hi)}`;
}

/**
 * A run of blocks that Paged.js lays out on its own. Every chunk starts on a fresh page, so the
 * book can be laid out in parallel, chunk by chunk, and the pages joined in order afterwards.
 */
export interface PrintChunk {
  /** File name of the chunk's HTML in the print folder. */
  readonly file: string;
  readonly body: string;
  /** The chunk opens a chapter or a part: it must start on a right-hand (odd) page. */
  readonly startsRight: boolean;
  /** Item ids in the chunk (for sizing timeouts and progress). */
  readonly items: readonly string[];
}

export interface PrintBook {
  readonly title: string;
  readonly paper: Paper;
  readonly chunks: readonly PrintChunk[];
}

/** Items per chunk: small enough that layout cost per page stays flat, large enough to amortise start-up. */
export const ITEMS_PER_CHUNK = 8;

export function renderPrintBook(book: Book, paper: Paper): PrintBook {
  const md = createMarkdown();
  const env: RenderEnv = {
    math: 'html',
    xref: (id) => {
      const target = book.itemsById.get(id);
      return target && { href: `#${itemAnchor(id)}`, label: `${target.id} ${target.title}`, title: target.title };
    },
    diagram: (id) => book.diagramsById.get(id),
    xrefSuffix: (id) => `<span class="xref-page">, p.\u00a0${pageRef(itemAnchor(id))}</span>`,
    figure: printFigure,
  };
  const blocks = readingOrder(book);
  const chunks: Omit<PrintChunk, 'file'>[] = [{ body: `${renderCover(book)}\n${renderTitlePage(book)}`, startsRight: true, items: [] }];
  for (const block of blocks) {
    switch (block.kind) {
      case 'guide': chunks.push({ body: renderGuide(block.guide), startsRight: true, items: [] }); break;
      case 'contents': chunks.push({ body: renderContents(blocks), startsRight: true, items: [] }); break;
      case 'index': chunks.push({ body: renderIndex(book), startsRight: true, items: [] }); break;
      case 'section': {
        const items = block.section.items;
        for (let i = 0; i < items.length; i += ITEMS_PER_CHUNK) {
          const run = items.slice(i, i + ITEMS_PER_CHUNK);
          chunks.push({
            body: `${i === 0 ? renderOpener(block.section) : ''}\n${run.map(renderItem).join('\n')}`,
            startsRight: i === 0,
            items: run.map((item) => item.id),
          });
        }
      }
    }
  }

  function renderGuide(guide: Guide): string {
    const html = lineBreakableCode(md.render(guide.markdown, env));
    return `<section class="chapter guide" id="${guideAnchor(guide.slug)}">\n<h1 class="chapter-title">${escapeHtml(guide.title)}</h1>\n${html}</section>`;
  }

  function renderOpener(section: Section): string {
    const spec = SECTIONS.find((s) => s.key === section.key)!;
    const number = book.sections.filter((s) => s.items.length).indexOf(section) + 1;
    return `<section class="opener" id="${sectionAnchor(section.key)}">
<p class="opener-kicker">Part ${number}</p>
<h1 class="opener-title">${escapeHtml(section.title)}</h1>
<p class="opener-blurb">${escapeHtml(section.blurb)}</p>
<p class="opener-facts">${section.items.length} ${section.items.length === 1 ? 'item' : 'items'} · ${section.items[0]!.id}–${section.items[section.items.length - 1]!.id} · <span class="stars">${starRange(section)}</span></p>
<p class="opener-sections">Each item: ${spec.headings.join(' · ')}</p>
</section>`;
  }

  function renderItem(item: Item): string {
    const parts = lineBreakableCode(renderItemParts(item, md, env, { idPrefix: `${item.id}-`, partLevel: 3 }));
    return `<article class="item item-${item.kind}" id="${itemAnchor(item.id)}" data-item="${item.id}">
<header class="item-head">
<h2 class="item-title"><span class="item-id">${item.id}</span> ${escapeHtml(item.title)}</h2>
<p class="item-meta"><span class="stars" aria-label="difficulty ${item.difficulty} of 5">${formatStars(item.difficulty)}</span><span class="topics">${item.topics.map(escapeHtml).join(' · ')}</span></p>
</header>
${parts}</article>`;
  }

  return {
    title: book.title,
    paper,
    chunks: chunks.map((c, i) => ({ ...c, file: `chunk-${String(i).padStart(3, '0')}.html` })),
  };
}

/**
 * The scripts of a layout tab's host page (see paginate.ts): Paged.js, started by the layout
 * worker rather than on load, the document's Paged.js hooks, then the worker.
 */
export const LAYOUT_SCRIPTS = `<script>window.PagedConfig = { auto: false };</script>
<script src="paged.polyfill.js"></script>
<script src="hooks.js"></script>
<script src="layout-worker.js"></script>`;

/**
 * The print document around some body: the shared head (styles, and with `host`, the layout
 * scripts). With an empty body and `host`, it is the host page every chunk is laid out in.
 */
export function printDocument(title: string, paper: Paper, body: string, options: { host: boolean } = { host: true }): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)}</title>
<meta name="author" content="The ML/AI Interview Prep Guide authors">
<link rel="icon" href="data:,">
<link rel="stylesheet" href="assets/katex/katex.min.css">
<link rel="stylesheet" href="assets/fonts.css">
<link rel="stylesheet" href="book.css">
<style>@page { size: ${paper === 'a4' ? 'A4' : 'letter'}; }</style>
${options.host ? LAYOUT_SCRIPTS : ''}
</head>
<body class="paper-${paper}">
${body}
</body>
</html>
`;
}

/** The whole book as one document without scripts (what pagedjs-cli is given in the benchmark). */
export function singleDocument(print: PrintBook): string {
  return printDocument(print.title, print.paper, print.chunks.map((c) => c.body).join('\n'), { host: false });
}

function renderCover(book: Book): string {
  return `<section class="cover" aria-label="Cover">${renderCoverSvg(book)}</section>`;
}

function renderTitlePage(book: Book): string {
  return `<section class="title-page">
<h1 class="title">${escapeHtml(book.title)}</h1>
<p class="subtitle">${escapeHtml(book.subtitle)}</p>
<p class="edition">${escapeHtml(book.edition)} · ${formatDate(book.date)}</p>
<p class="colophon">Built from one Markdown source into this workbook, an EPUB, a web edition, slide decks and worksheets.
Every coding solution in this book passed its test suite on the build date above.</p>
</section>`;
}

function tocLine(href: string, label: string, cls: string): string {
  return `<li class="${cls}"><a class="toc-label" href="${href}">${label}</a><span class="toc-leader" aria-hidden="true"></span><a class="toc-page" href="${href}">${pageRef(href.slice(1))}</a></li>`;
}

function renderContents(blocks: readonly Block[]): string {
  const lines: string[] = [];
  const afterContents = blocks.slice(blocks.findIndex((b) => b.kind === 'contents') + 1);
  for (const block of afterContents) {
    if (block.kind === 'guide') lines.push(tocLine(`#${guideAnchor(block.guide.slug)}`, escapeHtml(block.guide.title), 'toc-guide'));
    else if (block.kind === 'section') {
      lines.push(tocLine(`#${sectionAnchor(block.section.key)}`, escapeHtml(block.section.title), 'toc-section'));
      for (const item of block.section.items) {
        lines.push(tocLine(`#${itemAnchor(item.id)}`, `<span class="toc-id">${item.id}</span> ${escapeHtml(item.title)}`, 'toc-item'));
      }
    } else if (block.kind === 'index') lines.push(tocLine('#topic-index', 'Index of topics', 'toc-guide'));
  }
  return `<nav class="chapter contents" id="contents" aria-label="Contents">\n<h1 class="chapter-title">Contents</h1>\n<ol class="toc">\n${lines.join('\n')}\n</ol>\n</nav>`;
}

function renderIndex(book: Book): string {
  const entries = [...book.topics.entries()].map(([topic, ids]) =>
    `<dt>${escapeHtml(topic)}</dt><dd>${ids.map((id) => `<a class="index-ref" href="#${itemAnchor(id)}">${id}</a>\u00a0(p.\u00a0${pageRef(itemAnchor(id))})`).join(', ')}</dd>`);
  return `<section class="chapter index" id="topic-index">\n<h1 class="chapter-title">Index of topics</h1>\n<p class="index-note">Each topic lists the items tagged with it, with the page where each item begins.</p>\n<dl class="topic-index">\n${entries.join('\n')}\n</dl>\n</section>`;
}
