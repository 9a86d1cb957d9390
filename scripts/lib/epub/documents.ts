/**
 * The EPUB renderer: a pure function from the Book (and the print edition's page numbers) to the
 * content documents in reading order — cover, title page, guides, the navigation document where
 * the print book has its contents, a part opener per section, its items in runs of documents of
 * at most about ITEM_DOCUMENT_BUDGET characters, the topic index — plus the contents tree and the
 * page-list.
 *
 * Why runs of items rather than a document per item: files stay small enough for old e-readers
 * (well under the 300 KB that Adobe's engine handles), while the spine stays short. Checkers and
 * some reading systems do work per spine item times per manifest item (DAISY Ace took half an
 * hour on 166 spine items against the Kindle edition's 2,800 manifest items).
 */
import type { Book, Guide, Item, Section } from '../model.ts';
import { itemLabel } from '../model.ts';
import { formatStars, SECTIONS } from '../sections.ts';
import { createMarkdown, escapeHtml, type RenderEnv } from '../render/markdown.ts';
import { renderItemParts } from '../render/item-html.ts';
import { readingOrder } from '../reading-order.ts';
import { formatDate } from '../pdf/print-html.ts';
import { epubFigure } from './figure.ts';
import { finishMathml } from './mathml.ts';
import { nameTableHeaders } from './tables.ts';
import { lineBreakableCode } from '../pdf/code-lines.ts';
import { pageBreak, toXhtml, xhtmlDocument } from './xhtml.ts';
import { renderNavDocument, type Landmark, type PageTarget, type TocEntry } from './navigation.ts';

/** Page numbers of the print (US Letter) edition, as the PDF target publishes them. */
export interface PrintPages {
  /** Item id -> page where the item starts. */
  readonly itemPages: Readonly<Record<string, number>>;
  /** Print anchor (guide-<slug>, section-<key>, contents, topic-index) -> page. */
  readonly anchorPages: Readonly<Record<string, number>>;
}

export interface EpubDocument {
  /** Manifest id. */
  readonly id: string;
  /** Path inside the publication folder, e.g. `text/T48.xhtml`. */
  readonly href: string;
  readonly title: string;
  readonly xhtml: string;
  /** The navigation document (manifest property `nav`). */
  readonly nav?: boolean;
}

export interface EpubBook {
  /** Content documents in reading (spine) order. */
  readonly documents: readonly EpubDocument[];
  readonly toc: readonly TocEntry[];
  readonly landmarks: readonly Landmark[];
  readonly pageList: readonly PageTarget[];
}

export interface EpubRenderOptions {
  /** The cover image: its path inside the publication folder (e.g. `images/cover.png`) and pixel size. */
  readonly cover: { readonly href: string; readonly width: number; readonly height: number };
  /** Path of the stylesheet inside the publication folder. */
  readonly stylesheet: string;
  /** Characters of item XHTML per document; ITEM_DOCUMENT_BUDGET unless given. */
  readonly itemDocumentBudget?: number;
}

export const TEXT_DIR = 'text';
export const itemAnchor = (id: string): string => `item-${id}`;
/** Characters of rendered item XHTML per document, at most (a single larger item gets its own). */
export const ITEM_DOCUMENT_BUDGET = 150_000;
/**
 * Links to items are written before the items are grouped into documents: a placeholder stands
 * for the item's document until every document's name is known.
 */
const itemFileSlot = (id: string): string => `\u{E000}${id}\u{E000}`;
const guideFile = (slug: string): string => `guide-${slug}.xhtml`;
const sectionFile = (key: string): string => `section-${key}.xhtml`;
export const NAV_FILE = 'nav.xhtml';
const INDEX_FILE = 'topic-index.xhtml';

export function renderEpubBook(book: Book, pages: PrintPages, options: EpubRenderOptions): EpubBook {
  const md = createMarkdown();
  // The shared configuration, writing XML: void tags self-closed.
  md.set({ xhtmlOut: true });
  const env: RenderEnv = {
    math: 'mathml',
    xref: (id) => {
      const target = book.itemsById.get(id);
      return target && { href: `${itemFileSlot(id)}#${itemAnchor(id)}`, label: itemLabel(target), title: target.title };
    },
    diagram: (id) => book.diagramsById.get(id),
    figure: epubFigure,
  };
  // Code lines as elements, so a wrapped line can hang under its own start (see book.css).
  const finish = (html: string): string => nameTableHeaders(toXhtml(finishMathml(lineBreakableCode(html))));
  const cssHref = `../${options.stylesheet}`;
  const documents: EpubDocument[] = [];
  const toc: TocEntry[] = [];
  const pageList: PageTarget[] = [];
  const usedPages = new Set<number>();

  /** The marker of the print page that begins with this document, when the print book has one. */
  const markPage = (page: number | undefined, file: string): string => {
    if (page === undefined || usedPages.has(page)) return '';
    usedPages.add(page);
    const id = `page-${page}`;
    pageList.push({ page, href: `${file}#${id}` });
    return pageBreak(page, id);
  };
  const add = (file: string, title: string, body: string, extra: { bodyType?: string; bodyClass?: string; id?: string } = {}): void => {
    documents.push({
      id: extra.id ?? file.replace(/\.xhtml$/, '').replace(/[^A-Za-z0-9_-]/g, '-'),
      href: `${TEXT_DIR}/${file}`,
      title,
      xhtml: xhtmlDocument({ title, body, cssHref, ...(extra.bodyType ? { bodyType: extra.bodyType } : {}), ...(extra.bodyClass ? { bodyClass: extra.bodyClass } : {}) }),
    });
  };
  /** Document of each item, filled in as the sections are grouped. */
  const fileOfItem = new Map<string, string>();

  add('cover.xhtml', 'Cover', renderCover(book, options.cover), { id: 'cover', bodyClass: 'cover-page' });
  add('title.xhtml', book.title, renderTitlePage(book), { bodyType: 'frontmatter', id: 'titlepage' });

  const blocks = readingOrder(book);
  let navAt = -1;
  let partNumber = 0;
  for (const block of blocks) {
    switch (block.kind) {
      case 'guide': {
        const file = guideFile(block.guide.slug);
        add(file, block.guide.title, renderGuide(block.guide, markPage(pages.anchorPages[`guide-${block.guide.slug}`], file)));
        toc.push({ label: escapeHtml(block.guide.title), href: file });
        break;
      }
      case 'contents':
        navAt = documents.length;
        break;
      case 'section': {
        partNumber += 1;
        const file = sectionFile(block.section.key);
        add(file, block.section.title, renderOpener(block.section, partNumber, markPage(pages.anchorPages[`section-${block.section.key}`], file)));
        const children: TocEntry[] = [];
        for (const run of groupItems(block.section.items.map((item) => ({ item, parts: renderParts(item) })))) {
          const first = run[0]!.item.id;
          const last = run[run.length - 1]!.item.id;
          const runFile = first === last ? `${first}.xhtml` : `${first}-${last}.xhtml`;
          const body = run.map(({ item, parts }) => {
            fileOfItem.set(item.id, runFile);
            children.push({ label: `<span class="toc-id">${item.id}</span> ${escapeHtml(item.title)}`, href: `${runFile}#${itemAnchor(item.id)}` });
            return renderItem(item, parts, markPage(pages.itemPages[item.id], runFile));
          }).join('\n');
          add(runFile, first === last ? itemLabel(run[0]!.item) : `${block.section.title}: ${first} to ${last}`, body, { id: `items-${first}${first === last ? '' : `-${last}`}` });
        }
        toc.push({ label: `Part ${partNumber}. ${escapeHtml(block.section.title)}`, href: file, children });
        break;
      }
      case 'index':
        add(INDEX_FILE, 'Index of topics', renderIndex(markPage(pages.anchorPages['topic-index'], INDEX_FILE)), { id: 'topic-index' });
        toc.push({ label: 'Index of topics', href: INDEX_FILE });
        break;
    }
  }

  const firstGuide = blocks.find((b) => b.kind === 'guide');
  const landmarks: Landmark[] = [
    { type: 'cover', label: 'Cover', href: 'cover.xhtml' },
    { type: 'titlepage', label: 'Title page', href: 'title.xhtml' },
    { type: 'toc', label: 'Contents', href: `${NAV_FILE}#toc` },
    { type: 'bodymatter', label: 'Start of content', href: firstGuide?.kind === 'guide' ? guideFile(firstGuide.guide.slug) : toc[0]!.href },
    { type: 'index', label: 'Index of topics', href: INDEX_FILE },
  ];
  // The navigation document stands where the print book has its contents, with that page's marker.
  const contentsMarker = markPage(pages.anchorPages['contents'], NAV_FILE);
  pageList.sort((a, b) => a.page - b.page);
  documents.splice(navAt < 0 ? 2 : navAt, 0, {
    id: 'nav',
    href: `${TEXT_DIR}/${NAV_FILE}`,
    title: 'Contents',
    nav: true,
    xhtml: renderNavDocument({ title: 'Contents', cssHref, toc, landmarks, pageList, marker: contentsMarker }),
  });
  const linked = documents.map((d) => ({
    ...d,
    xhtml: d.xhtml.replace(/\u{E000}([A-Z]\d{2})\u{E000}/gu, (_m, id: string) => {
      const file = fileOfItem.get(id);
      if (!file) throw new Error(`a link to ${id}, which is in no EPUB document`);
      return file;
    }),
  }));
  return { documents: linked, toc, landmarks, pageList };

  /** Item parts as XHTML (links to items still as placeholders). */
  function renderParts(item: Item): string {
    return finish(renderItemParts(item, md, env, { idPrefix: `${item.id}-part-`, partLevel: 2 }));
  }

  /** Consecutive items in runs of at most the budget's characters. */
  function groupItems<T extends { parts: string }>(items: readonly T[]): T[][] {
    const budget = options.itemDocumentBudget ?? ITEM_DOCUMENT_BUDGET;
    const runs: T[][] = [];
    let size = 0;
    for (const entry of items) {
      const last = runs[runs.length - 1];
      if (last && size + entry.parts.length <= budget) {
        last.push(entry);
        size += entry.parts.length;
      } else {
        runs.push([entry]);
        size = entry.parts.length;
      }
    }
    return runs;
  }

  function renderGuide(guide: Guide, marker: string): string {
    const id = `guide-${guide.slug}`;
    return `<section epub:type="chapter" role="doc-chapter" class="chapter guide" id="${id}" aria-labelledby="${id}-title">
${marker}<h1 class="chapter-title" id="${id}-title">${escapeHtml(guide.title)}</h1>
${finish(md.render(guide.markdown, env))}</section>`;
  }

  function renderOpener(section: Section, number: number, marker: string): string {
    const spec = SECTIONS.find((s) => s.key === section.key)!;
    const id = `section-${section.key}`;
    const stars = section.items.map((i) => i.difficulty);
    const lo = Math.min(...stars);
    const hi = Math.max(...stars);
    const range = lo === hi ? `${lo} of 5` : `${lo} to ${hi} of 5`;
    const first = section.items[0]!.id;
    const last = section.items[section.items.length - 1]!.id;
    return `<section epub:type="part" role="doc-part" class="opener" id="${id}" aria-labelledby="${id}-title">
${marker}<p class="opener-kicker">Part ${number}</p>
<h1 class="opener-title" id="${id}-title">${escapeHtml(section.title)}</h1>
<p class="opener-blurb">${escapeHtml(section.blurb)}</p>
<p class="opener-facts">${section.items.length} ${section.items.length === 1 ? 'item' : 'items'}, ${first} to ${last}, difficulty <span class="stars" role="img" aria-label="${range}">${lo === hi ? formatStars(lo) : `${formatStars(lo)} to ${formatStars(hi)}`}</span></p>
<p class="opener-sections">Each item: ${spec.headings.map(escapeHtml).join(' · ')}</p>
<ol class="opener-items">
${section.items.map((item) => `<li><a href="${itemFileSlot(item.id)}#${itemAnchor(item.id)}"><span class="item-id">${item.id}</span> ${escapeHtml(item.title)}</a></li>`).join('\n')}
</ol>
</section>`;
  }

  function renderItem(item: Item, parts: string, marker: string): string {
    const id = itemAnchor(item.id);
    const related = item.related.map((r) => book.itemsById.get(r)).filter((r): r is Item => !!r);
    const relatedHtml = related.length
      ? `<p class="related"><span class="related-label">Related:</span> ${related.map((r) => `<a href="${itemFileSlot(r.id)}#${itemAnchor(r.id)}">${escapeHtml(itemLabel(r))}</a>`).join('; ')}</p>\n`
      : '';
    return `<section epub:type="chapter" role="doc-chapter" class="item item-${item.kind}" id="${id}" aria-labelledby="${item.id}-title">
${marker}<div class="item-head">
<h1 class="item-title" id="${item.id}-title"><span class="item-id">${item.id}</span> ${escapeHtml(item.title)}</h1>
<p class="item-meta"><span class="stars" role="img" aria-label="Difficulty ${item.difficulty} of 5">${formatStars(item.difficulty)}</span> <span class="topics">${item.topics.map(escapeHtml).join(' · ')}</span></p>
</div>
${parts}${relatedHtml}</section>`;
  }

  function renderIndex(marker: string): string {
    const entries = [...book.topics.entries()].map(([topic, ids]) =>
      `<dt>${escapeHtml(topic)}</dt>\n<dd>${ids.map((id) => `<a href="${itemFileSlot(id)}#${itemAnchor(id)}">${id}</a>`).join(', ')}</dd>`);
    return `<section role="doc-index" class="chapter index" id="topic-index" aria-labelledby="topic-index-title">
${marker}<h1 class="chapter-title" id="topic-index-title">Index of topics</h1>
<p class="index-note">Each topic lists the items tagged with it.</p>
<dl class="topic-index">
${entries.join('\n')}
</dl>
</section>`;
  }
}

/**
 * The cover page: the image inside an SVG viewport scaled to the screen, the usual way to show
 * a whole cover on any screen shape (an <img> would run onto a second page on a short screen).
 */
function renderCover(book: Book, cover: EpubRenderOptions['cover']): string {
  const label = escapeHtml(`Cover: ${book.title}. ${book.subtitle}. ${book.edition}.`);
  return `<section epub:type="cover" class="cover">
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" version="1.1" width="100%" height="100%" viewBox="0 0 ${cover.width} ${cover.height}" preserveAspectRatio="xMidYMid meet" role="img" aria-label="${label}">
<title>${label}</title>
<image width="${cover.width}" height="${cover.height}" xlink:href="../${cover.href}"/>
</svg>
</section>`;
}

function renderTitlePage(book: Book): string {
  return `<section epub:type="titlepage" class="title-page">
<h1 class="title">${escapeHtml(book.title)}</h1>
<p class="subtitle">${escapeHtml(book.subtitle)}</p>
<p class="edition">${escapeHtml(book.edition)} · ${formatDate(book.date)}</p>
<p class="colophon">Built from one Markdown source into this EPUB, a print workbook, a web edition, slide decks and worksheets.
Every coding solution in this book passed its test suite on the build date above.</p>
<p class="colophon">The page list of this EPUB follows the US Letter print workbook: each chapter and item is marked with the page on which it begins in print.</p>
</section>`;
}
