/**
 * Navigation: the EPUB 3 navigation document (contents, landmarks, page-list) and the same tree
 * as an NCX, which older reading systems (Adobe RMSDK on older Kobo and Nook devices) still read
 * for their contents menu.
 */
import { escapeHtml } from '../render/markdown.ts';
import { BOOK_LANG, xhtmlDocument } from './xhtml.ts';

export interface TocEntry {
  /** XHTML (already escaped). */
  readonly label: string;
  /** Relative to the text folder. */
  readonly href: string;
  readonly children?: readonly TocEntry[];
}

export interface Landmark {
  readonly type: 'cover' | 'titlepage' | 'toc' | 'bodymatter' | 'index';
  readonly label: string;
  readonly href: string;
}

/** A print page and the place in the EPUB (relative to the text folder) where it begins. */
export interface PageTarget {
  readonly page: number;
  readonly href: string;
}

export interface NavInput {
  readonly title: string;
  readonly cssHref: string;
  readonly toc: readonly TocEntry[];
  readonly landmarks: readonly Landmark[];
  readonly pageList: readonly PageTarget[];
  /** The page-break marker of the contents' own print page (may be empty). */
  readonly marker: string;
}

function renderTocList(entries: readonly TocEntry[], depth: number): string {
  const items = entries.map((e) => {
    const children = e.children?.length ? `\n${renderTocList(e.children, depth + 1)}\n` : '';
    return `<li class="toc-level-${depth}"><a href="${e.href}">${e.label}</a>${children}</li>`;
  });
  return `<ol>\n${items.join('\n')}\n</ol>`;
}

export function renderNavDocument(input: NavInput): string {
  const body = `<nav epub:type="toc" role="doc-toc" id="toc" aria-labelledby="toc-title" class="contents">
<h1 class="chapter-title" id="toc-title">${input.marker}${escapeHtml(input.title)}</h1>
${renderTocList(input.toc, 1)}
</nav>
<nav epub:type="landmarks" id="landmarks" aria-label="Landmarks" hidden="hidden">
<h2>Landmarks</h2>
<ol>
${input.landmarks.map((l) => `<li><a epub:type="${l.type}" href="${l.href}">${escapeHtml(l.label)}</a></li>`).join('\n')}
</ol>
</nav>
<nav epub:type="page-list" role="doc-pagelist" id="page-list" aria-label="Print page list" hidden="hidden">
<h2>Pages of the print edition</h2>
<ol>
${input.pageList.map((p) => `<li><a href="${p.href}">${p.page}</a></li>`).join('\n')}
</ol>
</nav>`;
  return xhtmlDocument({ title: input.title, body, cssHref: input.cssHref, bodyType: 'frontmatter' });
}

export interface NcxInput {
  readonly identifier: string;
  readonly title: string;
  readonly toc: readonly TocEntry[];
  readonly pageList: readonly PageTarget[];
  /** Content documents in reading order: href relative to the text folder (as the hrefs are) and XHTML. */
  readonly spine: readonly { readonly href: string; readonly xhtml: string }[];
  /** Folder of the toc hrefs relative to the NCX, e.g. `text/`. */
  readonly textPrefix: string;
}

/** Text of a label without markup, for the NCX (which takes plain text). */
const plain = (xhtml: string): string => xhtml.replace(/<[^>]+>/g, '');

/**
 * NCX play order is one sequence over every distinct target, contents and pages together, in
 * reading order, without gaps; entries with the same target share a number. A document comes
 * before the anchors inside it, and anchors come in the order of their ids in the document.
 */
function playOrders(targets: readonly string[], spine: NcxInput['spine']): Map<string, number> {
  const position = (href: string): [number, number] => {
    const [file, fragment] = href.split('#');
    const at = spine.findIndex((d) => d.href === file);
    if (at < 0) throw new Error(`navigation entry ${href} points outside the spine`);
    if (!fragment) return [at, -1];
    const offset = spine[at]!.xhtml.indexOf(` id="${fragment}"`);
    if (offset < 0) throw new Error(`navigation entry ${href} points at no id`);
    return [at, offset];
  };
  const positions = new Map([...new Set(targets)].map((href) => [href, position(href)]));
  const unique = [...positions.keys()].sort((a, b) => {
    const [fa, xa] = positions.get(a)!;
    const [fb, xb] = positions.get(b)!;
    return fa - fb || xa - xb;
  });
  return new Map(unique.map((href, i) => [href, i + 1]));
}

export function renderNcx(input: NcxInput): string {
  const flat = (entries: readonly TocEntry[]): string[] => entries.flatMap((e) => [e.href, ...flat(e.children ?? [])]);
  const order = playOrders([...flat(input.toc), ...input.pageList.map((p) => p.href)], input.spine);
  let count = 0;
  let depth = 0;
  const points = (entries: readonly TocEntry[], level: number): string => {
    depth = Math.max(depth, level);
    return entries.map((e) => {
      count += 1;
      const id = `np-${count}`;
      const kids = e.children?.length ? `\n${points(e.children, level + 1)}` : '';
      return `<navPoint id="${id}" playOrder="${order.get(e.href)}"><navLabel><text>${plain(e.label)}</text></navLabel><content src="${input.textPrefix}${e.href}"/>${kids}</navPoint>`;
    }).join('\n');
  };
  const navMap = points(input.toc, 1);
  const pageTargets = input.pageList.map((p) =>
    `<pageTarget id="pt-${p.page}" type="normal" value="${p.page}" playOrder="${order.get(p.href)}"><navLabel><text>${p.page}</text></navLabel><content src="${input.textPrefix}${p.href}"/></pageTarget>`,
  ).join('\n');
  const maxPage = Math.max(0, ...input.pageList.map((p) => p.page));
  return `<?xml version="1.0" encoding="UTF-8"?>
<ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1" xml:lang="${BOOK_LANG}">
<head>
<meta name="dtb:uid" content="${escapeHtml(input.identifier)}"/>
<meta name="dtb:depth" content="${depth}"/>
<meta name="dtb:totalPageCount" content="${input.pageList.length}"/>
<meta name="dtb:maxPageNumber" content="${maxPage}"/>
</head>
<docTitle><text>${escapeHtml(input.title)}</text></docTitle>
<navMap>
${navMap}
</navMap>
<pageList>
<navLabel><text>Pages of the print edition</text></navLabel>
${pageTargets}
</pageList>
</ncx>
`;
}
