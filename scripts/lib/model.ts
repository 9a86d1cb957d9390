/**
 * The Book: one typed, immutable model of the whole book. The loader builds it from content/;
 * every renderer (site, pdf, epub, slides, worksheets) reads only this.
 */
import type { ItemKind, SectionKey } from './sections.ts';

export interface Book {
  readonly title: string;
  readonly subtitle: string;
  readonly edition: string;
  /** Build date, from SOURCE_DATE_EPOCH when set (reproducible builds). */
  readonly date: Date;
  readonly sections: readonly Section[];
  readonly guides: readonly Guide[];
  /** Every item in book order (section order, then id order). */
  readonly items: readonly Item[];
  /** Items by id. */
  readonly itemsById: ReadonlyMap<string, Item>;
  /** Diagrams by id, each already rendered to SVG. */
  readonly diagramsById: ReadonlyMap<string, Diagram>;
  /** Topic -> ids of the items tagged with it, topics sorted. */
  readonly topics: ReadonlyMap<string, readonly string[]>;
}

export interface Section {
  readonly key: SectionKey;
  readonly title: string;
  readonly blurb: string;
  readonly kind: ItemKind;
  readonly items: readonly Item[];
}

export interface Item {
  /** E.g. `T07`. */
  readonly id: string;
  readonly section: SectionKey;
  readonly kind: ItemKind;
  readonly title: string;
  /** Stars. */
  readonly difficulty: number;
  readonly topics: readonly string[];
  readonly related: readonly string[];
  /** From the file name: `T07-l1-sparsity` -> `l1-sparsity`. */
  readonly slug: string;
  /** Source file relative to the project root (challenge.md for coding items). */
  readonly sourcePath: string;
  /** H2 sections in source order. */
  readonly parts: readonly Part[];
  readonly diagrams: readonly Diagram[];
  /** ```python blocks of the body, which must run as printed. */
  readonly pythonBlocks: readonly CodeBlock[];
  /** Coding items only: solution.py verbatim. */
  readonly solution?: SourceFile;
  /** Coding items only: test_solution.py verbatim. */
  readonly tests?: SourceFile;
}

/** One H2 section of an item: its heading and its Markdown body. */
export interface Part {
  readonly heading: string;
  /** Markdown source of the body, without the heading line. */
  readonly markdown: string;
  /** 1-based line of the heading in the source file (for diagnostics in later stages). */
  readonly line: number;
}

export interface Diagram {
  /** Unique in the book, e.g. `D03-serving`. */
  readonly id: string;
  readonly itemId: string;
  /** Figure caption and alt text. */
  readonly caption: string;
  /** 1-based figure number within its item. */
  readonly number: number;
  readonly dot: string;
  /** Sanitized inline SVG: no prolog, DOCTYPE or foreignObject; role="img" and aria-label set. */
  readonly svg: string;
}

export interface CodeBlock {
  readonly code: string;
  /** 1-based file line of the opening fence. */
  readonly line: number;
}

export interface SourceFile {
  readonly path: string;
  readonly text: string;
}

export interface Guide {
  /** File name without `.md`, e.g. `study-plan`. */
  readonly slug: string;
  readonly title: string;
  readonly summary: string;
  readonly order: number;
  readonly sourcePath: string;
  readonly markdown: string;
  readonly diagrams: readonly Diagram[];
}

/** The display label of an item everywhere: `T07 Why does L1 ...`. */
export function itemLabel(item: Pick<Item, 'id' | 'title'>): string {
  return `${item.id} ${item.title}`;
}
