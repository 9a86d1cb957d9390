/**
 * The package document (OPF): metadata, including schema.org accessibility metadata that says
 * only what is true of this book, the manifest (with the `mathml`/`svg` properties epubcheck
 * requires where a document holds them) and the spine.
 */
import { createHash } from 'node:crypto';
import type { Book } from '../model.ts';
import { escapeHtml } from '../render/markdown.ts';
import { BOOK_LANG } from './xhtml.ts';

export type Edition = 'mathml' | 'kindle';

export interface ManifestEntry {
  readonly id: string;
  readonly href: string;
  readonly mediaType: string;
  readonly properties?: readonly string[];
  /** Content documents in the spine, in order; undefined for resources. */
  readonly spine?: boolean;
}

export interface PackageInput {
  readonly book: Book;
  readonly edition: Edition;
  readonly identifier: string;
  /** Manifest in spine order for content documents. */
  readonly manifest: readonly ManifestEntry[];
  /** Manifest id of the NCX. */
  readonly ncxId: string;
  /** What the page-list follows, e.g. the print PDF's title and paper. */
  readonly pageSource: string;
}

/**
 * A stable identifier per book and edition: a name-based UUID (RFC 4122 version 5 layout over
 * SHA-1), so every build of the same edition of the book carries the same dc:identifier.
 */
export function publicationIdentifier(book: Book, edition: Edition): string {
  const hex = createHash('sha1').update(`${book.title}\0${book.edition}\0epub-${edition}`).digest('hex').slice(0, 32).split('');
  hex[12] = '5';
  hex[16] = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  const h = hex.join('');
  return `urn:uuid:${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** `dcterms:modified` takes whole seconds in UTC: 2025-01-31T12:00:00Z. */
export const modifiedDate = (date: Date): string => `${date.toISOString().slice(0, 19)}Z`;

/** Media type of a publication resource by its extension. */
export function mediaTypeOf(href: string): string {
  const ext = href.slice(href.lastIndexOf('.') + 1).toLowerCase();
  const types: Record<string, string> = {
    xhtml: 'application/xhtml+xml', css: 'text/css', svg: 'image/svg+xml', png: 'image/png', jpg: 'image/jpeg',
    woff2: 'font/woff2', woff: 'font/woff', ncx: 'application/x-dtbncx+xml',
  };
  const type = types[ext];
  if (!type) throw new Error(`no EPUB media type for ${href}`);
  return type;
}

/** Manifest properties a content document needs for what it contains. */
export function contentProperties(xhtml: string): string[] {
  const props: string[] = [];
  if (/<math\b/.test(xhtml)) props.push('mathml');
  if (/<svg\b/.test(xhtml)) props.push('svg');
  return props;
}

function accessibilityMetadata(edition: Edition): string[] {
  // Only what holds for this book: the page-break markers and page-list mark the print page on
  // which each chapter and item begins (not every page), and the TeX alternative of a formula
  // is a text alternative, not a described-math description.
  const features = [
    'structuralNavigation', 'tableOfContents', 'index', 'readingOrder', 'alternativeText', 'longDescription',
    'pageNavigation', 'pageBreakMarkers', 'displayTransformability', ...(edition === 'mathml' ? ['MathML'] : []),
  ];
  const common = 'It has structured headings, a contents list of every section and item, a topic index, and a page list with ' +
    'page-break markers giving the page of the US Letter print edition on which each chapter and item begins. ' +
    'Every diagram is an SVG image with a title, a caption and a text description of its boxes and arrows. ' +
    'Text is reflowable; there are no hazards.';
  const summary = edition === 'mathml'
    ? `Formulas are MathML, each with its TeX source as alternative text. ${common}`
    : `This edition is for reading systems without MathML: every formula is an image whose alternative text is its TeX source, and the simplest (a letter with a subscript or superscript) are text. ${common}`;
  return [
    '<meta property="schema:accessMode">textual</meta>',
    '<meta property="schema:accessMode">visual</meta>',
    // Every image has a text alternative, so text alone is sufficient.
    '<meta property="schema:accessModeSufficient">textual</meta>',
    '<meta property="schema:accessModeSufficient">textual,visual</meta>',
    ...features.map((f) => `<meta property="schema:accessibilityFeature">${f}</meta>`),
    '<meta property="schema:accessibilityHazard">none</meta>',
    `<meta property="schema:accessibilitySummary">${escapeHtml(summary)}</meta>`,
  ];
}

export function renderPackageDocument(input: PackageInput): string {
  const { book } = input;
  const cover = input.manifest.find((m) => m.properties?.includes('cover-image'));
  const metadata = [
    `<dc:identifier id="pub-id">${escapeHtml(input.identifier)}</dc:identifier>`,
    `<dc:title id="title">${escapeHtml(book.title)}</dc:title>`,
    '<meta refines="#title" property="title-type">main</meta>',
    '<dc:creator id="creator">The ML/AI Interview Prep Guide authors</dc:creator>',
    `<dc:language>${BOOK_LANG}</dc:language>`,
    `<dc:date>${book.date.toISOString().slice(0, 10)}</dc:date>`,
    `<dc:description>${escapeHtml(`${book.subtitle}. ${book.edition}${input.edition === 'kindle' ? ', edition for reading systems without MathML (formulas as images)' : ''}.`)}</dc:description>`,
    ...book.sections.filter((s) => s.items.length).map((s) => `<dc:subject>${escapeHtml(s.title)}</dc:subject>`),
    `<dc:source id="print-source">${escapeHtml(input.pageSource)}</dc:source>`,
    '<meta refines="#print-source" property="source-of">pagination</meta>',
    `<meta property="dcterms:modified">${modifiedDate(book.date)}</meta>`,
    ...accessibilityMetadata(input.edition),
    // EPUB 2 reading systems (and Kindle's converter) find the cover through this.
    ...(cover ? [`<meta name="cover" content="${cover.id}"/>`] : []),
  ];
  // One item a line, but the line break inside the tag: no whitespace text between items. DAISY
  // Ace looks each spine item up among all manifest items with XPath whose cost grows with the
  // square of the sibling count (text nodes included); the Kindle edition has 2,800 items.
  const manifest = input.manifest.map((m) =>
    `<item\nid="${m.id}" href="${m.href}" media-type="${m.mediaType}"${m.properties?.length ? ` properties="${m.properties.join(' ')}"` : ''}/>`);
  const spine = input.manifest.filter((m) => m.spine).map((m) => `<itemref idref="${m.id}"/>`);
  return `<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="pub-id" xml:lang="${BOOK_LANG}">
<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
${metadata.join('\n')}
</metadata>
<manifest>${manifest.join('')}
</manifest>
<spine toc="${input.ncxId}" page-progression-direction="ltr">
${spine.join('\n')}
</spine>
</package>
`;
}

export const CONTAINER_XML = `<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
<rootfiles>
<rootfile full-path="EPUB/package.opf" media-type="application/oebps-package+xml"/>
</rootfiles>
</container>
`;
