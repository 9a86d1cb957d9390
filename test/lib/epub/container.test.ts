/**
 * The EPUB's pieces that are not content: the zip container, the NCX, figures and the XHTML
 * clean-up.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { zipContainer, zipTimestamp } from '../../../scripts/lib/epub/zip.ts';
import type { ContainerFile } from '../../../scripts/lib/epub/edition.ts';
import { renderNcx } from '../../../scripts/lib/epub/navigation.ts';
import { describeDiagram, epubFigure } from '../../../scripts/lib/epub/figure.ts';
import { toXhtml } from '../../../scripts/lib/epub/xhtml.ts';
import type { Diagram } from '../../../scripts/lib/model.ts';
import { loadDotRenderer, sanitizeSvg } from '../../../scripts/lib/render/diagrams.ts';
import { readZip } from '../../helpers/zip.ts';
import { allElements, parseXml } from '../../helpers/xml.ts';

const FILES: ContainerFile[] = [
  { path: 'mimetype', data: 'application/epub+zip', store: true },
  { path: 'META-INF/container.xml', data: '<container/>' },
  { path: 'EPUB/text/a.xhtml', data: '<html/>'.repeat(200) },
  { path: 'EPUB/images/a.png', data: Buffer.from([1, 2, 3]), store: true },
];
const DATE = new Date(Date.UTC(2026, 5, 30, 23, 30, 0));
const tz = process.env['TZ'];

afterEach(() => {
  if (tz === undefined) delete process.env['TZ'];
  else process.env['TZ'] = tz;
});

describe('the zip container', () => {
  it('puts mimetype first, stored, without an extra field, and keeps every file', async () => {
    const entries = readZip(await zipContainer(FILES, DATE));
    expect(entries.map((e) => e.name)).toEqual(FILES.map((f) => f.path));
    expect(entries[0]).toMatchObject({ name: 'mimetype', method: 0, localExtraLength: 0, localHeaderOffset: 0 });
    expect(entries[0]!.data.toString()).toBe('application/epub+zip');
    expect(entries[2]!.method).toBe(8);
    expect(entries[2]!.data.toString()).toBe(FILES[2]!.data);
    expect(entries[3]!.method).toBe(0);
  });

  it('zips to the same bytes in any time zone', async () => {
    process.env['TZ'] = 'America/Los_Angeles';
    const west = await zipContainer(FILES, DATE);
    process.env['TZ'] = 'Asia/Tokyo';
    const east = await zipContainer(FILES, DATE);
    expect(east.equals(west)).toBe(true);
    // The DOS time fields read as the UTC time of the build date.
    const local = zipTimestamp(DATE);
    expect([local.getFullYear(), local.getMonth(), local.getDate(), local.getHours(), local.getMinutes()]).toEqual([2026, 5, 30, 23, 30]);
  });

  it('refuses a container that does not start with a stored mimetype', async () => {
    await expect(zipContainer(FILES.slice(1), DATE)).rejects.toThrow(/mimetype/);
    await expect(zipContainer([FILES[0]!, FILES[1]!, FILES[1]!], DATE)).rejects.toThrow(/twice/);
  });
});

describe('the NCX', () => {
  it('numbers contents and pages in one reading-order sequence without gaps', () => {
    const ncx = renderNcx({
      identifier: 'urn:x', title: 'Book', textPrefix: 'text/',
      spine: [
        { href: 'a.xhtml', xhtml: '<p/>' },
        { href: 'b.xhtml', xhtml: '<section id="item-Z"><span id="page-4"/></section><section id="item-A"><span id="page-9"/></section>' },
      ],
      toc: [{ label: 'A', href: 'a.xhtml' }, { label: 'Part <b>B</b>', href: 'b.xhtml', children: [{ label: 'Z', href: 'b.xhtml#item-Z' }, { label: 'A', href: 'b.xhtml#item-A' }] }],
      pageList: [{ page: 4, href: 'b.xhtml#page-4' }, { page: 9, href: 'b.xhtml#page-9' }],
    });
    const doc = parseXml(ncx, 'toc.ncx');
    const ordered = allElements(doc).filter((e) => e.getAttribute('playOrder'))
      .map((e) => ({ order: Number(e.getAttribute('playOrder')), src: e.getElementsByTagName('content')[0]!.getAttribute('src') }));
    // In reading order: the document, then its anchors where they stand (not alphabetically).
    expect(ordered.sort((a, b) => a.order - b.order)).toEqual([
      { order: 1, src: 'text/a.xhtml' }, { order: 2, src: 'text/b.xhtml' }, { order: 3, src: 'text/b.xhtml#item-Z' },
      { order: 4, src: 'text/b.xhtml#page-4' }, { order: 5, src: 'text/b.xhtml#item-A' }, { order: 6, src: 'text/b.xhtml#page-9' },
    ]);
    expect(ncx).toContain('<text>Part B</text>');
    const ids = allElements(doc).map((e) => e.getAttribute('id')).filter(Boolean);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('EPUB figures', () => {
  it('prefix Graphviz ids with the diagram id, and describe the boxes and arrows in words', async () => {
    const render = await loadDotRenderer();
    const svg = sanitizeSvg(render('digraph { a [label="Query encoder"]; b [label="ANN index"]; a -> b [label="vector"]; }'), 'D09-x', 'A caption');
    const diagram: Diagram = { id: 'D09-x', itemId: 'D09', caption: 'A caption', number: 2, dot: '', svg };
    expect(describeDiagram(diagram)).toBe('Diagram: A caption. Boxes: Query encoder; ANN index. Arrows: Query encoder → ANN index (vector).');
    const figure = epubFigure(diagram);
    const doc = parseXml(figure.replace('<figure', '<figure xmlns="http://www.w3.org/1999/xhtml"'), 'figure');
    const ids = allElements(doc).map((e) => e.getAttribute('id')).filter((id): id is string => !!id);
    expect(ids.filter((id) => id !== 'D09-x' && !id.startsWith('D09-x-') && id !== 'svg-D09-x')).toEqual([]);
    expect(figure).toContain('<figcaption><span class="figure-number">Figure D09.2.</span> A caption</figcaption>');
  });
});

describe('XHTML clean-up', () => {
  it('closes void tags and writes HTML-only entities as numbers', () => {
    expect(toXhtml('<p>a<br>b&nbsp;c<img src="x" alt="y">&amp;</p><hr/>')).toBe('<p>a<br/>b&#160;c<img src="x" alt="y"/>&amp;</p><hr/>');
    expect(() => toXhtml('&bogus;')).toThrow(/bogus/);
  });
});
