/**
 * Joins PDFs that Chromium printed from consecutive page ranges of one book into one tagged PDF,
 * as if Chromium had printed the book at once: pages, the structure tree (with its parent tree,
 * ID tree and table-header IDs), the outline, and the named destinations that links point to.
 *
 * Why: Chromium prints on one thread per tab, and the print step of the whole book was the
 * longest single step of the PDF build. Parts print in parallel tabs; this puts them back together.
 * A plain page merge (qpdf --pages, pdf-lib copyPages) drops the structure tree and the outline.
 *
 * It also makes the bytes reproducible (a single part goes through it too): Chromium writes the
 * print time and names structure elements after DOM node numbers that change from run to run.
 *
 * Relies on what Chromium writes: a catalog with /Dests (a dictionary; none without links),
 * /Outlines (none without headings) and a /StructTreeRoot whose /K is one Document element, a
 * flat /ParentTree, an /IDTree when some element has an ID (table header cells), and links as
 * /Link annotations to named destinations. Anything else is an error, not a silent loss.
 */
import {
  PDFArray, PDFDict, PDFDocument, ParseSpeeds, PDFName, PDFNumber, PDFObjectCopier, PDFRef, PDFString, PDFHexString,
  type PDFObject, type PDFContext,
} from 'pdf-lib';

const N = (name: string) => PDFName.of(name);
/**
 * pdf-lib by default parses and writes 50 objects per event-loop turn, and a part has a hundred
 * thousand (most of them structure elements): at once, loading is twice and saving ten times as fast.
 */
const LOAD = { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest } as const;

class MergeError extends Error {}

function dictAt(context: PDFContext, owner: PDFDict, key: string): PDFDict {
  const value = context.lookup(owner.get(N(key)));
  if (!(value instanceof PDFDict)) throw new MergeError(`PDF merge: /${key} is not a dictionary`);
  return value;
}

/** An array of the document: entries pushed onto it stay in the PDF. */
function arrayAt(context: PDFContext, owner: PDFDict, key: string): PDFArray {
  const value = context.lookup(owner.get(N(key)));
  if (value instanceof PDFArray) return value;
  throw new MergeError(`PDF merge: /${key} is not an array`);
}

/** The entries of an array, or the one entry where the PDF allows a single one in its place. */
function entriesAt(context: PDFContext, owner: PDFDict, key: string): PDFObject[] {
  const value = context.lookup(owner.get(N(key)));
  if (value instanceof PDFArray) return value.asArray();
  if (value instanceof PDFRef || value instanceof PDFDict) return [owner.get(N(key))!];
  throw new MergeError(`PDF merge: /${key} is neither an array nor an object`);
}

const numberAt = (context: PDFContext, owner: PDFDict, key: string): number | undefined => {
  const value = context.lookup(owner.get(N(key)));
  return value instanceof PDFNumber ? value.asNumber() : undefined;
};

const textOf = (value: PDFObject | undefined): string | undefined =>
  value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : undefined;

/** The pairs of the structure tree's ID tree, which Chromium writes only when some element has an ID. */
function idTreePairs(context: PDFContext, treeRoot: PDFDict): [string, PDFObject][] {
  return treeRoot.has(N('IDTree')) ? nameTreePairs(context, dictAt(context, treeRoot, 'IDTree')) : [];
}

/** Removes a name tree's own objects (not the values it names) from the document. */
function deleteNameTree(context: PDFContext, node: PDFObject | undefined): void {
  const dict = node && context.lookup(node);
  if (!(dict instanceof PDFDict)) return;
  const kids = context.lookup(dict.get(N('Kids')));
  if (kids instanceof PDFArray) for (const kid of kids.asArray()) deleteNameTree(context, kid);
  if (node instanceof PDFRef) context.delete(node);
}

/** The pairs of a name tree (any depth), in order. */
function nameTreePairs(context: PDFContext, node: PDFDict): [string, PDFObject][] {
  const names = context.lookup(node.get(N('Names')));
  if (names instanceof PDFArray) {
    const pairs: [string, PDFObject][] = [];
    for (let i = 0; i + 1 < names.size(); i += 2) pairs.push([textOf(names.get(i))!, names.get(i + 1)]);
    return pairs;
  }
  const kids = context.lookup(node.get(N('Kids')));
  if (!(kids instanceof PDFArray)) return [];
  return kids.asArray().flatMap((kid) => nameTreePairs(context, context.lookup(kid) as PDFDict));
}

/**
 * Renames the structure IDs of one part to `${prefix}1`, `${prefix}2`, … in the order the elements
 * are stored: every element's /ID and every table cell's /Headers entry. Chromium names them after
 * its internal DOM node numbers, which differ from one run to the next (and two parts can share
 * them); the new names are the same on every build. Returns old name -> new name.
 */
function renumberStructureIds(context: PDFContext, prefix: string): Map<string, string> {
  const names = new Map<string, string>();
  const rename = (value: PDFObject | undefined) => {
    const text = textOf(value);
    if (text === undefined) return undefined;
    if (!names.has(text)) names.set(text, `${prefix}${names.size + 1}`);
    return PDFString.of(names.get(text)!);
  };
  const fixAttributes = (value: PDFObject | undefined) => {
    const looked = value && context.lookup(value);
    const list = looked instanceof PDFArray ? looked.asArray().map((v) => context.lookup(v)) : [looked];
    for (const attributes of list) {
      if (!(attributes instanceof PDFDict)) continue;
      const headers = context.lookup(attributes.get(N('Headers')));
      if (headers instanceof PDFArray) for (let i = 0; i < headers.size(); i++) headers.set(i, rename(headers.get(i)) ?? headers.get(i));
    }
  };
  for (const [, object] of context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFDict) || object.get(N('Type')) !== N('StructElem')) continue;
    const id = rename(object.get(N('ID')));
    if (id) object.set(N('ID'), id);
    fixAttributes(object.get(N('A')));
  }
  return names;
}

/** Drops the print time Chromium writes into the Info dictionary (the build date is set later: metadata.ts). */
function dropPrintDates(document: PDFDocument): void {
  const info = document.context.lookup(document.context.trailerInfo.Info);
  if (info instanceof PDFDict) for (const key of ['CreationDate', 'ModDate']) info.delete(N(key));
}

export interface MergeOptions {
  /**
   * Per part: how many of its first top-level outline entries belong under the last top-level
   * entry of the parts before it (a part that starts inside a chapter starts with that chapter's
   * items, which Chromium, seeing no chapter heading, put at the top level).
   */
  readonly adopt?: readonly number[];
}

/** Visible entries an outline entry adds to its parent's /Count: itself, and its own if open. */
function visibleEntries(context: PDFContext, entry: PDFDict): number {
  return 1 + Math.max(0, numberAt(context, entry, 'Count') ?? 0);
}

/**
 * Moves the first `count` entries of the chain that starts at `first` under `parent`, after its
 * own children. Returns the entry that now starts the rest of the chain (if any), and how many
 * visible entries the move hid (all it moved, if the parent is closed).
 */
function adoptEntries(context: PDFContext, parentRef: PDFRef, first: PDFRef, count: number): { rest: PDFRef | undefined; hidden: number } {
  const parent = context.lookup(parentRef) as PDFDict;
  let ref: PDFRef | undefined = first;
  let added = 0;
  for (let i = 0; i < count; i++) {
    if (!ref) throw new MergeError('PDF merge: fewer outline entries than the part was said to start with');
    const entry = context.lookup(ref) as PDFDict;
    const next = entry.get(N('Next')) as PDFRef | undefined;
    entry.set(N('Parent'), parentRef);
    entry.delete(N('Next'));
    const lastChild = parent.get(N('Last')) as PDFRef | undefined;
    if (lastChild) {
      (context.lookup(lastChild) as PDFDict).set(N('Next'), ref);
      entry.set(N('Prev'), lastChild);
    } else {
      entry.delete(N('Prev'));
      parent.set(N('First'), ref);
    }
    parent.set(N('Last'), ref);
    added += visibleEntries(context, entry);
    ref = next;
  }
  // A closed entry (negative /Count) counts the entries it would show when opened.
  const own = numberAt(context, parent, 'Count') ?? 0;
  parent.set(N('Count'), PDFNumber.of(own < 0 ? own - added : own + added));
  if (ref) (context.lookup(ref) as PDFDict).delete(N('Prev'));
  return { rest: ref, hidden: own < 0 ? added : 0 };
}

/**
 * Merges `parts` (PDF bytes, in page order; each may still be on its way) into one PDF. One part
 * goes through too: the result has the same bytes whenever the parts have the same content.
 */
export async function mergeTaggedPdfs(parts: readonly (Uint8Array | Promise<Uint8Array>)[], options: MergeOptions = {}): Promise<Uint8Array> {
  if (!parts.length) throw new MergeError('PDF merge: no parts');
  const base = await PDFDocument.load(await parts[0]!, LOAD);
  dropPrintDates(base);
  const baseNames = renumberStructureIds(base.context, 's');
  const ctx = base.context;
  const catalog = base.catalog;
  const pagesRoot = ctx.lookup(catalog.get(N('Pages'))) as PDFDict;
  const pagesRootRef = catalog.get(N('Pages')) as PDFRef;
  const treeRoot = dictAt(ctx, catalog, 'StructTreeRoot');
  const documentRef = treeRoot.get(N('K'));
  if (!(documentRef instanceof PDFRef)) throw new MergeError('PDF merge: the structure tree has no single Document element');
  const documentKids = arrayAt(ctx, ctx.lookup(documentRef) as PDFDict, 'K');
  const parentTree = dictAt(ctx, treeRoot, 'ParentTree');
  const parentNums = arrayAt(ctx, parentTree, 'Nums');
  // A part without links has no /Dests, and one without headings no /Outlines: the merged
  // document gets them when a later part brings some.
  const ensure = (key: string, make: () => PDFDict): PDFRef => {
    if (!catalog.has(N(key))) catalog.set(N(key), ctx.register(make()));
    const ref = catalog.get(N(key));
    if (!(ref instanceof PDFRef)) throw new MergeError(`PDF merge: /${key} is not an indirect object`);
    dictAt(ctx, catalog, key);
    return ref;
  };

  const idPairs = idTreePairs(ctx, treeRoot).map(([id, element]): [string, PDFObject] => [baseNames.get(id) ?? id, element]);
  let nextKey = numberAt(ctx, treeRoot, 'ParentTreeNextKey') ?? 0;
  let pageCount = numberAt(ctx, pagesRoot, 'Count') ?? 0;

  for (let p = 1; p < parts.length; p++) {
    const part = await PDFDocument.load(await parts[p]!, LOAD);
    const src = part.context;
    const srcCatalog = part.catalog;
    const srcTree = dictAt(src, srcCatalog, 'StructTreeRoot');
    const names = renumberStructureIds(src, `p${p}s`);
    const copier = PDFObjectCopier.for(src, ctx);
    // References that must land on the base document's own objects rather than on copies.
    const seed = (copier as unknown as { traversedObjects: Map<PDFObject, PDFObject> }).traversedObjects;
    seed.set(srcCatalog.get(N('StructTreeRoot'))!, base.catalog.get(N('StructTreeRoot'))!);
    seed.set(srcTree.get(N('K'))!, documentRef);
    if (srcCatalog.has(N('Outlines'))) seed.set(srcCatalog.get(N('Outlines'))!, ensure('Outlines', () => ctx.obj({ Type: 'Outlines', Count: 0 }) as PDFDict));
    seed.set(srcCatalog.get(N('Pages'))!, pagesRootRef);
    const offset = nextKey;

    // Pages, renumbered into the parent tree.
    const kids = arrayAt(ctx, pagesRoot, 'Kids');
    for (const page of part.getPages()) {
      const ref = copier.copy(page.ref) as PDFRef;
      const copy = ctx.lookup(ref) as PDFDict;
      copy.set(N('Parent'), pagesRootRef);
      const structParents = numberAt(ctx, copy, 'StructParents');
      if (structParents !== undefined) copy.set(N('StructParents'), PDFNumber.of(structParents + offset));
      const annots = ctx.lookup(copy.get(N('Annots')));
      if (annots instanceof PDFArray) {
        for (const a of annots.asArray()) {
          const annot = ctx.lookup(a);
          const sp = annot instanceof PDFDict ? numberAt(ctx, annot, 'StructParent') : undefined;
          if (sp !== undefined) (annot as PDFDict).set(N('StructParent'), PDFNumber.of(sp + offset));
        }
      }
      kids.push(ref);
      pageCount += 1;
    }

    // Structure: the part's top-level elements join the base Document element.
    const srcDocument = src.lookup(srcTree.get(N('K'))) as PDFDict;
    for (const kid of entriesAt(src, srcDocument, 'K')) documentKids.push(copier.copy(kid));
    const srcNums = arrayAt(src, dictAt(src, srcTree, 'ParentTree'), 'Nums');
    for (let i = 0; i + 1 < srcNums.size(); i += 2) {
      const key = (src.lookup(srcNums.get(i)) as PDFNumber).asNumber();
      parentNums.push(PDFNumber.of(key + offset));
      parentNums.push(copier.copy(srcNums.get(i + 1)));
    }
    nextKey = offset + (numberAt(src, srcTree, 'ParentTreeNextKey') ?? 0);
    for (const [id, element] of idTreePairs(src, srcTree)) idPairs.push([names.get(id) ?? id, copier.copy(element)]);

    // Named destinations: links in any part may point into any other.
    if (srcCatalog.has(N('Dests'))) {
      const dests = ctx.lookup(ensure('Dests', () => ctx.obj({}) as PDFDict)) as PDFDict;
      for (const [key, value] of dictAt(src, srcCatalog, 'Dests').entries()) dests.set(key, copier.copy(value));
    }

    // Outline: the part's top-level entries follow the base's, its first `adopt` ones under the
    // base's last top-level entry.
    const srcOutlines = srcCatalog.has(N('Outlines')) ? dictAt(src, srcCatalog, 'Outlines') : undefined;
    const first = srcOutlines?.get(N('First'));
    if (srcOutlines && first) {
      const outlines = dictAt(ctx, catalog, 'Outlines');
      let copiedFirst: PDFRef | undefined = copier.copy(first) as PDFRef;
      const copiedLast = copier.copy(srcOutlines.get(N('Last'))!) as PDFRef;
      const lastRef = outlines.get(N('Last')) as PDFRef | undefined;
      const adopt = options.adopt?.[p] ?? 0;
      let hidden = 0;
      if (adopt > 0) {
        if (!lastRef) throw new MergeError('PDF merge: a part starts inside a chapter, but no chapter comes before it');
        ({ rest: copiedFirst, hidden } = adoptEntries(ctx, lastRef, copiedFirst, adopt));
      }
      if (copiedFirst) {
        if (lastRef) {
          (ctx.lookup(lastRef) as PDFDict).set(N('Next'), copiedFirst);
          (ctx.lookup(copiedFirst) as PDFDict).set(N('Prev'), lastRef);
        } else outlines.set(N('First'), copiedFirst);
        outlines.set(N('Last'), copiedLast);
      }
      outlines.set(N('Count'), PDFNumber.of((numberAt(ctx, outlines, 'Count') ?? 0) + (numberAt(src, srcOutlines, 'Count') ?? 0) - hidden));
    }
  }

  pagesRoot.set(N('Count'), PDFNumber.of(pageCount));
  treeRoot.set(N('ParentTreeNextKey'), PDFNumber.of(nextKey));
  idPairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  // The base's own ID tree names elements by their old IDs: it is replaced, not left behind.
  deleteNameTree(ctx, treeRoot.get(N('IDTree')));
  treeRoot.delete(N('IDTree'));
  if (idPairs.length) {
    const leaf = ctx.obj({}) as PDFDict;
    leaf.set(N('Limits'), ctx.obj([PDFString.of(idPairs[0]![0]), PDFString.of(idPairs[idPairs.length - 1]![0])]));
    leaf.set(N('Names'), ctx.obj(idPairs.flatMap(([id, element]) => [PDFString.of(id), element])));
    treeRoot.set(N('IDTree'), ctx.obj({ Kids: [ctx.register(leaf)] }));
  }
  return base.save({ useObjectStreams: false, addDefaultPage: false, updateFieldAppearances: false, objectsPerTick: Infinity });
}
