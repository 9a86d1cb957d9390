/**
 * One edition of the EPUB as the list of files of its container, in the order they are zipped:
 * the MathML edition as rendered, or the Kindle edition where every formula is an image (or, for
 * a lone letter with a subscript or superscript, text). Pure: images come in as data.
 */
import type { Book } from '../model.ts';
import type { EpubBook } from './documents.ts';
import { TEXT_DIR } from './documents.ts';
import { findFormulas, replaceFormulas, type Formula } from './mathml.ts';
import { imageSize, mathImagePath, mathImageTag } from './math-images.ts';
import { simpleMathText } from './math-text.ts';
import { renderNcx } from './navigation.ts';
import {
  CONTAINER_XML, contentProperties, mediaTypeOf, publicationIdentifier, renderPackageDocument, type Edition, type ManifestEntry,
} from './package-document.ts';

export interface ContainerFile {
  /** Path in the zip. */
  readonly path: string;
  readonly data: string | Buffer;
  /** Stored uncompressed (the `mimetype` file must be). */
  readonly store?: boolean;
}

export interface EditionInput {
  readonly book: Book;
  readonly epub: EpubBook;
  readonly edition: Edition;
  /** Stylesheet path in the publication folder and its text. */
  readonly stylesheet: { readonly href: string; readonly css: string };
  readonly fonts: readonly { readonly href: string; readonly data: Buffer }[];
  readonly cover: { readonly href: string; readonly data: Buffer };
  /** Kindle edition: formula image path (see mathImagePath) -> SVG text. */
  readonly mathImages?: ReadonlyMap<string, string>;
  /** What the page-list follows. */
  readonly pageSource: string;
}

export const PUBLICATION_DIR = 'EPUB';

/** The formulas of the book that the Kindle edition draws as images (the rest become text). */
export function formulasToDraw(epub: EpubBook): Formula[] {
  const seen = new Map<string, Formula>();
  for (const doc of epub.documents) {
    for (const f of findFormulas(doc.xhtml)) {
      if (simpleMathText(f.tex) === undefined) seen.set(mathImagePath(f), f);
    }
  }
  return [...seen.values()];
}

/** A content document of the Kindle edition: formulas as images or text, never MathML. */
export function imageMath(xhtml: string, images: ReadonlyMap<string, string>): string {
  return replaceFormulas(xhtml, (f) => {
    const text = simpleMathText(f.tex);
    if (text !== undefined) return text;
    const path = mathImagePath(f);
    const svg = images.get(path);
    if (svg === undefined) throw new Error(`no image for the formula ${f.tex}`);
    return mathImageTag(f, `../${path}`, imageSize(svg));
  });
}

export function assembleEdition(input: EditionInput): ContainerFile[] {
  const { epub, edition } = input;
  const images = input.mathImages ?? new Map<string, string>();
  const documents = epub.documents.map((d) => ({ ...d, xhtml: edition === 'kindle' ? imageMath(d.xhtml, images) : d.xhtml }));
  const identifier = publicationIdentifier(input.book, edition);
  const mathFiles = edition === 'kindle' ? [...new Set(documents.flatMap((d) => [...d.xhtml.matchAll(/src="\.\.\/(math\/[^"]+)"/g)].map((m) => m[1]!)))].sort() : [];

  const manifest: ManifestEntry[] = [
    { id: 'ncx', href: 'toc.ncx', mediaType: mediaTypeOf('toc.ncx') },
    { id: 'css', href: input.stylesheet.href, mediaType: 'text/css' },
    ...input.fonts.map((f, i) => ({ id: `font-${i + 1}`, href: f.href, mediaType: mediaTypeOf(f.href) })),
    { id: 'cover-image', href: input.cover.href, mediaType: mediaTypeOf(input.cover.href), properties: ['cover-image'] },
    ...documents.map((d) => ({
      id: d.id, href: d.href, mediaType: 'application/xhtml+xml', spine: true,
      properties: [...(d.nav ? ['nav'] : []), ...contentProperties(d.xhtml)],
    })),
    ...mathFiles.map((path) => ({ id: `m-${path.slice(5, -4)}`, href: path, mediaType: 'image/svg+xml' })),
  ];
  const at = (path: string) => `${PUBLICATION_DIR}/${path}`;
  return [
    { path: 'mimetype', data: 'application/epub+zip', store: true },
    { path: 'META-INF/container.xml', data: CONTAINER_XML },
    {
      path: at('package.opf'),
      data: renderPackageDocument({ book: input.book, edition, identifier, manifest, ncxId: 'ncx', pageSource: input.pageSource }),
    },
    { path: at('toc.ncx'), data: renderNcx({ identifier, title: input.book.title, toc: epub.toc, pageList: epub.pageList, spine: documents.map((d) => ({ href: d.href.slice(TEXT_DIR.length + 1), xhtml: d.xhtml })), textPrefix: `${TEXT_DIR}/` }) },
    { path: at(input.stylesheet.href), data: input.stylesheet.css },
    ...input.fonts.map((f) => ({ path: at(f.href), data: f.data, store: true })),
    { path: at(input.cover.href), data: input.cover.data, store: true },
    ...documents.map((d) => ({ path: at(d.href), data: d.xhtml })),
    ...mathFiles.map((path) => {
      const svg = images.get(path);
      if (svg === undefined) throw new Error(`no image for ${path}`);
      return { path: at(path), data: svg };
    }),
  ];
}
