/**
 * The two editions assembled from the fixture book: the package document's manifest, spine and
 * metadata, and the Kindle edition's formulas as images with their TeX as alt text.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadBook } from '../../../scripts/lib/load/loader.ts';
import type { Book } from '../../../scripts/lib/model.ts';
import { renderEpubBook, type EpubBook } from '../../../scripts/lib/epub/documents.ts';
import { assembleEdition, formulasToDraw, type ContainerFile } from '../../../scripts/lib/epub/edition.ts';
import { findFormulas } from '../../../scripts/lib/epub/mathml.ts';
import { mathImagePath, texToSvgConverter } from '../../../scripts/lib/epub/math-images.ts';
import { publicationIdentifier, modifiedDate } from '../../../scripts/lib/epub/package-document.ts';
import { MINI } from '../../helpers/fixture.ts';
import { allElements, parseXml } from '../../helpers/xml.ts';

const OPF_NS = 'http://www.idpf.org/2007/opf';
const DATE = new Date(Date.UTC(2026, 0, 2, 3, 4, 5));

let book: Book;
let epub: EpubBook;
let images: Map<string, string>;

const editionFiles = (edition: 'mathml' | 'kindle'): ContainerFile[] => assembleEdition({
  book, epub, edition,
  stylesheet: { href: 'css/book.css', css: 'body { margin: 0 }' },
  fonts: [{ href: 'fonts/a.woff2', data: Buffer.from('font') }],
  cover: { href: 'images/cover.png', data: Buffer.from('png') },
  pageSource: 'the print edition',
  ...(edition === 'kindle' ? { mathImages: images } : {}),
});
const textOf = (file: ContainerFile): string => (typeof file.data === 'string' ? file.data : file.data.toString('utf8'));

beforeAll(async () => {
  const loaded = await loadBook({ root: MINI, date: DATE });
  if (!loaded.ok) throw new Error('fixture book does not load');
  book = loaded.book;
  epub = renderEpubBook(book, { itemPages: { T01: 8, T02: 9, S01: 12, C01: 14 }, anchorPages: { contents: 3 } }, { cover: { href: 'images/cover.png', width: 1600, height: 2400 }, stylesheet: 'css/book.css' });
  const draw = texToSvgConverter();
  images = new Map(formulasToDraw(epub).map((f) => [mathImagePath(f), draw(f)]));
});

describe('the package document', () => {
  const opf = () => {
    const files = editionFiles('mathml');
    return { files, doc: parseXml(textOf(files.find((f) => f.path === 'EPUB/package.opf')!), 'package.opf') };
  };
  const metas = (doc: ReturnType<typeof parseXml>, property: string): string[] =>
    allElements(doc).filter((e) => e.localName === 'meta' && e.getAttribute('property') === property).map((e) => e.textContent ?? '');

  it('starts the container with mimetype, stored, then container.xml pointing at the package', () => {
    const files = editionFiles('mathml');
    expect(files[0]).toEqual({ path: 'mimetype', data: 'application/epub+zip', store: true });
    expect(textOf(files[1]!)).toContain('full-path="EPUB/package.opf"');
  });

  it('manifests exactly the files in the container, with the properties their content needs', () => {
    const { files, doc } = opf();
    const items = allElements(doc).filter((e) => e.localName === 'item' && e.namespaceURI === OPF_NS);
    const hrefs = items.map((i) => `EPUB/${i.getAttribute('href')}`).sort();
    expect(hrefs).toEqual(files.map((f) => f.path).filter((p) => p.startsWith('EPUB/') && p !== 'EPUB/package.opf').sort());
    for (const item of items) {
      const file = files.find((f) => f.path === `EPUB/${item.getAttribute('href')}`)!;
      const props = (item.getAttribute('properties') ?? '').split(' ');
      if (item.getAttribute('media-type') !== 'application/xhtml+xml') continue;
      expect(props.includes('mathml'), file.path).toBe(textOf(file).includes('<math'));
      expect(props.includes('svg'), file.path).toBe(textOf(file).includes('<svg'));
    }
    expect(items.find((i) => i.getAttribute('properties') === 'cover-image')?.getAttribute('href')).toBe('images/cover.png');
    expect(items.find((i) => (i.getAttribute('properties') ?? '').split(' ').includes('nav'))?.getAttribute('href')).toBe('text/nav.xhtml');
  });

  it('has a spine in reading order', () => {
    const { doc } = opf();
    const idOf = new Map(allElements(doc).filter((e) => e.localName === 'item').map((e) => [e.getAttribute('id'), e.getAttribute('href')]));
    const spine = allElements(doc).filter((e) => e.localName === 'itemref').map((e) => idOf.get(e.getAttribute('idref')));
    expect(spine).toEqual(epub.documents.map((d) => d.href));
  });

  it('dates the publication from the build date and states its accessibility', () => {
    const { doc } = opf();
    expect(metas(doc, 'dcterms:modified')).toEqual(['2026-01-02T03:04:05Z']);
    expect(modifiedDate(DATE)).toBe('2026-01-02T03:04:05Z');
    expect(metas(doc, 'schema:accessMode').sort()).toEqual(['textual', 'visual']);
    expect(metas(doc, 'schema:accessModeSufficient')).toContain('textual');
    expect(metas(doc, 'schema:accessibilityFeature')).toEqual(expect.arrayContaining(['MathML', 'structuralNavigation', 'tableOfContents', 'pageNavigation', 'alternativeText']));
    expect(metas(doc, 'schema:accessibilityHazard')).toEqual(['none']);
    expect(metas(doc, 'schema:accessibilitySummary')[0]!.length).toBeGreaterThan(100);
    const source = allElements(doc).find((e) => e.localName === 'source')!;
    expect(source.textContent).toBe('the print edition');
    expect(allElements(doc).find((e) => e.getAttribute('refines') === `#${source.getAttribute('id')}`)?.textContent).toBe('pagination');
  });

  it('gives each edition its own identifier, the same on every build', () => {
    const id = publicationIdentifier(book, 'mathml');
    expect(id).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(publicationIdentifier(book, 'mathml')).toBe(id);
    expect(publicationIdentifier(book, 'kindle')).not.toBe(id);
  });

  it('assembles the same bytes twice', () => {
    expect(editionFiles('kindle')).toEqual(editionFiles('kindle'));
  });
});

describe('the Kindle edition', () => {
  it('has no MathML: every formula is an image of its own file, with the TeX as alt text, or simple text', () => {
    const files = editionFiles('kindle');
    const byPath = new Map(files.map((f) => [f.path, f]));
    const formulas = epub.documents.flatMap((d) => findFormulas(d.xhtml));
    expect(formulas.length).toBeGreaterThan(3);
    let imageCount = 0;
    for (const file of files.filter((f) => f.path.endsWith('.xhtml'))) {
      const xhtml = textOf(file);
      expect(xhtml, file.path).not.toContain('<math');
      const doc = parseXml(xhtml, file.path);
      for (const img of allElements(doc).filter((e) => e.localName === 'img' && e.getAttribute('class')?.includes('math-img'))) {
        const target = `EPUB/${img.getAttribute('src')!.replace(/^\.\.\//, '')}`;
        expect(byPath.has(target), target).toBe(true);
        expect(formulas.map((f) => f.tex.replace(/\s+/g, ' ').trim())).toContain(img.getAttribute('alt'));
        imageCount += 1;
      }
    }
    expect(imageCount).toBeGreaterThan(0);
    // T01's $\text{bias}^2$ is drawn; a lone letter with a script would be text.
    const t01 = files.find((f) => f.path.endsWith('.xhtml') && textOf(f).includes('id="item-T01"'))!;
    expect(textOf(t01)).toMatch(/<img class="math-img" src="\.\.\/math\/[0-9a-f]{20}\.svg" alt="\\text\{bias\}\^2"/);
    for (const [path, svg] of images) parseXml(svg, path);
  });

  it('manifests formula images as SVG and claims no MathML', () => {
    const files = editionFiles('kindle');
    const opf = textOf(files.find((f) => f.path === 'EPUB/package.opf')!);
    expect(opf).not.toContain('mathml');
    expect(opf).not.toContain('>MathML<');
    for (const path of images.keys()) expect(opf).toContain(`href="${path}" media-type="image/svg+xml"`);
  });
});
