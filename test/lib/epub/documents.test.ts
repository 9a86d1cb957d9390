/**
 * The EPUB renderer on the fixture book: every document is well-formed XHTML, the navigation
 * lists every item, the page-list follows the print pages, and every internal link resolves.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadBook } from '../../../scripts/lib/load/loader.ts';
import type { Book } from '../../../scripts/lib/model.ts';
import { ITEM_DOCUMENT_BUDGET, renderEpubBook, type EpubBook, type PrintPages } from '../../../scripts/lib/epub/documents.ts';
import { MINI } from '../../helpers/fixture.ts';
import { allElements, parseXml } from '../../helpers/xml.ts';

const XHTML_NS = 'http://www.w3.org/1999/xhtml';
const EPUB_NS = 'http://www.idpf.org/2007/ops';

let book: Book;
let epub: EpubBook;
let pages: PrintPages;
const docs = new Map<string, Document>();

beforeAll(async () => {
  const loaded = await loadBook({ root: MINI, date: new Date(Date.UTC(2026, 0, 2)) });
  if (!loaded.ok) throw new Error('fixture book does not load');
  book = loaded.book;
  // Made-up print pages, distinct from their order in the book, so a test sees them carried over.
  pages = {
    itemPages: Object.fromEntries(book.items.map((item, i) => [item.id, 20 + 3 * i])),
    anchorPages: { contents: 3, 'guide-how-to': 5, 'section-theory': 7, 'section-stats': 11, 'section-coding': 13, 'topic-index': 99 },
  };
  epub = renderEpubBook(book, pages, { cover: { href: 'images/cover.png', width: 1600, height: 2400 }, stylesheet: 'css/book.css' });
  for (const d of epub.documents) docs.set(d.href.replace(/^text\//, ''), parseXml(d.xhtml, d.href) as unknown as Document);
});

const elements = (file: string): Element[] => allElements(docs.get(file)! as never);
const squash = (s: string | null): string => (s ?? '').replace(/\s+/g, ' ').trim();
/** The element with this id in any document, and that document's file name. */
function byId(id: string): { file: string; element: Element } {
  for (const file of docs.keys()) {
    const element = elements(file).find((e) => e.getAttribute('id') === id);
    if (element) return { file, element };
  }
  throw new Error(`no element with id ${id} in any document`);
}
const descendants = (element: Element): Element[] => Array.from(element.getElementsByTagName('*')) as unknown as Element[];

describe('EPUB content documents', () => {
  it('are well-formed XHTML with a language, a title and the stylesheet, and no scripts', () => {
    expect(epub.documents.length).toBe(docs.size);
    for (const d of epub.documents) {
      const root = docs.get(d.href.slice(5))!.documentElement;
      expect(root.namespaceURI, d.href).toBe(XHTML_NS);
      expect(root.getAttribute('xml:lang'), d.href).toBe('en-US');
      expect(root.getElementsByTagName('title')[0]?.textContent, d.href).toBe(d.title);
      expect(d.xhtml, d.href).toContain('href="../css/book.css"');
      expect(d.xhtml, d.href).not.toMatch(/<script|katex-html|&nbsp;/);
    }
  });

  it('keep every id unique within its document', () => {
    for (const file of docs.keys()) {
      const ids = elements(file).map((e) => e.getAttribute('id')).filter((id): id is string => !!id);
      expect(ids.filter((id, i) => ids.indexOf(id) !== i), file).toEqual([]);
    }
  });

  it('come in reading order: cover, title page, contents, guides, then each section opener and its items, index', () => {
    const order = epub.documents.map((d) => d.href.slice(5));
    // The fixture's guide is not one of the front guides, which would come before the contents.
    expect(order.slice(0, 4)).toEqual(['cover.xhtml', 'title.xhtml', 'nav.xhtml', 'guide-how-to.xhtml']);
    expect(order.at(-1)).toBe('topic-index.xhtml');
    const itemsInOrder = epub.documents.flatMap((d) => [...d.xhtml.matchAll(/<section [^>]*class="item [^"]*" id="item-([A-Z]\d{2})"/g)].map((m) => m[1]));
    expect(itemsInOrder).toEqual(book.items.map((i) => i.id));
    for (const section of book.sections.filter((s) => s.items.length)) {
      const opener = order.indexOf(`section-${section.key}.xhtml`);
      expect(byId(`item-${section.items[0]!.id}`).file).toBe(order[opener + 1]);
    }
    expect(epub.documents.filter((d) => d.nav).map((d) => d.href)).toEqual(['text/nav.xhtml']);
  });

  it('group items into documents of a bounded size, one item per section headed by its id and title', () => {
    for (const item of book.items) {
      const { element } = byId(`item-${item.id}`);
      expect(element.localName).toBe('section');
      expect(element.getAttributeNS(EPUB_NS, 'type')).toBe('chapter');
      const h1 = descendants(element).find((e) => e.localName === 'h1')!;
      expect(squash(h1.textContent)).toBe(`${item.id} ${item.title}`);
      for (const part of item.parts) expect(squash(element.textContent), `${item.id} ${part.heading}`).toContain(part.heading);
    }
    for (const d of epub.documents) expect(d.xhtml.length, d.href).toBeLessThan(ITEM_DOCUMENT_BUDGET + 20_000);
  });

  it('start a new document when the next item would pass the size budget', () => {
    const options = { cover: { href: 'images/cover.png', width: 1, height: 1 }, stylesheet: 'css/book.css' };
    const files = (budget: number) => renderEpubBook(book, pages, { ...options, itemDocumentBudget: budget }).documents.map((d) => d.href);
    expect(files(1)).toEqual(expect.arrayContaining(['text/T01.xhtml', 'text/T02.xhtml']));
    expect(files(10_000_000)).toContain('text/T01-T02.xhtml');
    expect(files(10_000_000)).not.toContain('text/T01.xhtml');
  });

  it('resolve every internal link to a document and an id in it', () => {
    let checked = 0;
    for (const [file] of docs) {
      for (const a of elements(file).filter((e) => e.localName === 'a' && e.getAttribute('href'))) {
        const [target, fragment] = a.getAttribute('href')!.split('#');
        expect(docs.has(target!), `${file} -> ${a.getAttribute('href')}`).toBe(true);
        if (fragment) expect(elements(target!).some((e) => e.getAttribute('id') === fragment), `${file} -> ${a.getAttribute('href')}`).toBe(true);
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(book.items.length * 2);
    // [[T02]] in T01 became a link to T02's section in its document.
    expect(descendants(byId('item-T01').element).some((e) => e.localName === 'a' && e.getAttribute('href') === `${byId('item-T02').file}#item-T02`)).toBe(true);
  });
});

describe('EPUB navigation document', () => {
  const nav = (type: string): Element =>
    elements('nav.xhtml').find((e) => e.localName === 'nav' && e.getAttributeNS(EPUB_NS, 'type') === type)!;
  const links = (el: Element) => Array.from(el.getElementsByTagName('a')) as unknown as Element[];

  it('lists every section and every item in the contents, with role doc-toc', () => {
    const toc = nav('toc');
    expect(toc.getAttribute('role')).toBe('doc-toc');
    const hrefs = links(toc).map((a) => a.getAttribute('href'));
    for (const item of book.items) expect(hrefs.filter((h) => h === `${byId(`item-${item.id}`).file}#item-${item.id}`), item.id).toHaveLength(1);
    for (const section of book.sections.filter((s) => s.items.length)) expect(hrefs).toContain(`section-${section.key}.xhtml`);
    expect(hrefs).toContain('topic-index.xhtml');
  });

  it('has landmarks for the cover, contents, start of content and index', () => {
    const types = links(nav('landmarks')).map((a) => a.getAttributeNS(EPUB_NS, 'type'));
    expect(types).toEqual(expect.arrayContaining(['cover', 'toc', 'bodymatter', 'index']));
  });

  it('has a page-list entry at each item with its print page, pointing at a labelled page-break marker', () => {
    const list = links(nav('page-list')).map((a) => ({ page: Number(a.textContent), href: a.getAttribute('href')! }));
    expect(list.map((p) => p.page)).toEqual([...list.map((p) => p.page)].sort((a, b) => a - b));
    for (const item of book.items) {
      const { file, element } = byId(`item-${item.id}`);
      const marker = descendants(element).find((e) => e.getAttributeNS(EPUB_NS, 'type') === 'pagebreak')!;
      expect(marker.getAttribute('role')).toBe('doc-pagebreak');
      expect(marker.getAttribute('aria-label')).toBe(String(pages.itemPages[item.id]));
      expect(list, item.id).toContainEqual({ page: pages.itemPages[item.id], href: `${file}#${marker.getAttribute('id')}` });
    }
    // Chapters without an item carry their page too; the contents' own page marks the nav.
    expect(list).toContainEqual({ page: 7, href: 'section-theory.xhtml#page-7' });
    expect(list).toContainEqual({ page: 3, href: 'nav.xhtml#page-3' });
    expect(epub.pageList).toHaveLength(list.length);
  });
});

describe('EPUB math and figures', () => {
  it('writes every formula as MathML whose alttext is its TeX, and keeps scripts valid', () => {
    const maths = [...docs.keys()].flatMap((f) => elements(f).filter((e) => e.localName === 'math'));
    expect(maths.length).toBeGreaterThan(3);
    for (const math of maths) {
      const annotation = math.getElementsByTagName('annotation')[0]!;
      expect(math.getAttribute('alttext')).toBe((annotation.textContent ?? '').replace(/\s+/g, ' ').trim());
    }
    const scripts = maths.flatMap((m) => ['msub', 'msup'].flatMap((t) => Array.from(m.getElementsByTagName(t)) as unknown as Element[]));
    for (const s of scripts) expect(Array.from(s.childNodes).filter((n) => n.nodeType === 1), s.toString()).toHaveLength(2);
    // \mathbb{E} as the double-struck character, which MathML Core engines draw without mathvariant.
    expect(epub.documents.find((d) => d.href === `text/${byId('item-T01').file}`)!.xhtml).toContain('<mi mathvariant="normal">𝔼</mi>');
  });

  it('puts each diagram inline in a figure with a numbered caption and an SVG that names and describes it', () => {
    for (const diagram of book.diagramsById.values()) {
      const figure = byId(diagram.id).element;
      expect(descendants(byId(`item-${diagram.itemId}`).element)).toContain(figure);
      expect(figure.localName).toBe('figure');
      expect(figure.getAttribute('role')).toBeNull();
      const svg = figure.getElementsByTagName('svg')[0]!;
      expect(svg.getAttribute('role')).toBe('img');
      expect(svg.getAttribute('aria-label')).toBe(diagram.caption);
      const [title, desc] = Array.from(svg.childNodes).filter((n) => n.nodeType === 1) as unknown as Element[];
      expect(title!.localName).toBe('title');
      expect(title!.textContent).toBe(`Figure ${diagram.itemId}.${diagram.number}. ${diagram.caption}`);
      expect(desc!.localName).toBe('desc');
      expect(svg.getAttribute('aria-describedby')).toBe(desc!.getAttribute('id'));
      expect((figure.getElementsByTagName('figcaption')[0]!.textContent ?? '').replace(/\s+/g, ' ').trim())
        .toBe(`Figure ${diagram.itemId}.${diagram.number}. ${diagram.caption}`);
    }
  });
});
