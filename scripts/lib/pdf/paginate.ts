/**
 * The print finisher. Paged.js lays the book out chunk by chunk (every chunk starts on a new page)
 * in a few long-lived layout tabs of the shared Chromium; each tab ends up holding one contiguous
 * part of the book, which is fixed up in place (left/right parity, deliberate blank pages before
 * chapters that open on a right-hand page, page numbers and running heads carried across chunks
 * and parts, page references) and printed from that same tab. The parts' PDFs are merged into one
 * tagged PDF with one outline.
 *
 * Why chunks: in one big document Paged.js's cost per page grows with the pages already laid out
 * (style recalculation over the whole document), and one pathological page stops the whole book.
 * A tab hides each finished chunk, so per-page cost stays flat; chunks need no page load of their
 * own (see layout-worker.js); and the pages are printed where they were laid out, never
 * serialized and loaded again.
 *
 * How the work is shared: each tab gets a contiguous run of chunks, cut so that the runs have
 * about the same number of elements. Printing costs about the same per element (a page of KaTeX
 * formulas costs several pages of prose or diagrams), and it is the longer of the two steps.
 * Fixed runs also make the parts, and so the merged PDF's structure, the same on every build.
 *
 * Pages are served from a loopback server; every other request is blocked.
 */
import type { Browser, Page } from 'puppeteer-core';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { blockRemoteRequests } from '../browser.ts';
import { serveFolder } from '../static-server.ts';
import { mergeTaggedPdfs } from './merge.ts';

/** The layout tabs' script, which the host page loads after Paged.js and its hooks. */
export const LAYOUT_WORKER = 'layout-worker.js';
const LAYOUT_WORKER_SOURCE = join(import.meta.dirname, LAYOUT_WORKER);

/** The finisher's own sources: they decide a PDF as much as its HTML does, so every PDF cache key hashes them. */
export const FINISHER_SOURCES: readonly string[] = ['paginate.ts', LAYOUT_WORKER, 'merge.ts', 'metadata.ts'].map((f) => join(import.meta.dirname, f));

export interface ChunkInput {
  /** HTML fragment (body content) in the folder. */
  readonly file: string;
  readonly startsRight: boolean;
  /** Upper bound for this chunk's layout, in milliseconds. */
  readonly timeoutMs: number;
}

export interface PaginateOptions {
  readonly folder: string;
  /**
   * The host page in the folder: the print document's head (styles, Paged.js with `auto: false`,
   * the hooks, then `layout-worker.js`) and an empty body. Every chunk is laid out inside it.
   */
  readonly host: string;
  readonly chunks: readonly ChunkInput[];
  readonly browser: Browser;
  /** Tabs laying out (and then printing) at once; each prints one part of the book. */
  readonly concurrency: number;
  readonly onProgress?: (pagesDone: number, chunksDone: number, seconds: number) => void;
}

export interface PageFacts {
  readonly pageCount: number;
  /** Item id -> 1-based page where the item starts. */
  readonly itemPages: Record<string, number>;
  /** Anchor id (guides, sections, index, contents) -> page. */
  readonly anchorPages: Record<string, number>;
  /** Pages left blank on purpose, so that a chapter opens on a right-hand page. */
  readonly blankPages: readonly number[];
  readonly layoutSeconds: number;
  readonly printSeconds: number;
  /** Seconds each chunk took to lay out, with its page count (the per-page cost benchmark). */
  readonly chunkTimes: readonly { pages: number; seconds: number }[];
}

export class PaginationError extends Error {}

/** The elements a chunk's HTML opens: what its share of the printing costs. */
export const elementCount = (html: string): number => (html.match(/<[a-zA-Z]/g) ?? []).length;

/**
 * Cuts chunks of the given weights into at most `tabs` contiguous runs of about equal weight,
 * none empty; returns each run's first chunk index (the first is 0).
 */
export function planRuns(weights: readonly number[], tabs: number): number[] {
  const runs = Math.max(1, Math.min(tabs, weights.length));
  const prefix = [0];
  for (const w of weights) prefix.push(prefix[prefix.length - 1]! + w);
  const total = prefix[prefix.length - 1]!;
  const starts = [0];
  for (let r = 1; r < runs; r++) {
    // The cut nearest to this run's share of the weight, after the last cut and leaving a chunk
    // for every later run.
    const goal = (total * r) / runs;
    let cut = starts[r - 1]! + 1;
    const latest = weights.length - (runs - r);
    while (cut < latest && Math.abs(prefix[cut + 1]! - goal) <= Math.abs(prefix[cut]! - goal)) cut += 1;
    starts.push(cut);
  }
  return starts;
}

interface LayoutTab {
  readonly page: Page;
  readonly blocked: string[];
  readonly errors: string[];
  /** Chunk indexes this tab lays out, in book order. */
  readonly chunks: number[];
}

/** tsx compiles functions with esbuild's keepNames (a `__name` helper the page does not have). */
const NAME_SHIM = 'window.__name = function (f) { return f; };';

/** Opens a layout tab on the host page; `opened` gets it at once, so that it is closed whatever happens. */
async function openTab(browser: Browser, origin: string, host: string, opened: LayoutTab[]): Promise<LayoutTab> {
  const page = await browser.newPage();
  const blocked = await blockRemoteRequests(page, origin);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e instanceof Error ? e.message : String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error' && m.text().startsWith('Layout repeated')) errors.push('Paged.js could not fit some content on a page (layout repeated)');
  });
  const tab = { page, blocked, errors, chunks: [] };
  opened.push(tab);
  await page.evaluateOnNewDocument(NAME_SHIM);
  await page.goto(`${origin}/${host}`, { waitUntil: 'load', timeout: 120_000 });
  return tab;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Lays out one chunk in the tab; reports pages as they are laid out; returns the chunk's page count. */
async function layoutChunk(tab: LayoutTab, chunk: ChunkInput, onPages: (n: number) => void): Promise<number> {
  const started = performance.now();
  const initial = (await tab.page.evaluate('window.__pagesDone || 0')) as number;
  let settled: { pages: number; lost: { page: number; text: string }[] } | Error | undefined;
  const running = tab.page.evaluate(`window.__layoutChunk(${JSON.stringify(chunk.file)}, ${chunk.startsRight})`)
    .then((r) => { settled = r as never; }, (e: unknown) => { settled = e instanceof Error ? e : new Error(String(e)); });
  let reported = initial;
  for (;;) {
    await Promise.race([running, sleep(250)]);
    const pages = settled ? reported : ((await tab.page.evaluate('window.__pagesDone || 0')) as number);
    if (pages > reported) {
      onPages(pages - reported);
      reported = pages;
    }
    if (tab.errors.length) throw new PaginationError(`${chunk.file}: ${tab.errors[0]} after ${reported - initial} pages`);
    if (settled instanceof Error) throw new PaginationError(`${chunk.file}: ${settled.message}`);
    if (settled) break;
    if (performance.now() - started > chunk.timeoutMs) {
      throw new PaginationError(`${chunk.file}: layout did not finish in ${Math.round(chunk.timeoutMs / 1000)} s (${reported - initial} pages laid out); ` +
        'content that can never fit on a page (a huge table or figure) makes Paged.js loop');
    }
  }
  if (tab.blocked.length) throw new PaginationError(`${chunk.file} tried to load remote resources: ${tab.blocked.slice(0, 3).join(', ')}`);
  const { pages, lost } = settled;
  if (pages > reported - initial) onPages(pages - (reported - initial));
  if (lost.length) {
    throw new PaginationError(`${chunk.file}: Paged.js set text outside the page, where it would be missing from the PDF: ` +
      lost.slice(0, 3).map((l) => `page ${l.page} of the chunk, "${l.text}"`).join('; ') +
      ' (a box with bottom padding or a bottom border that splits across pages does this: see layouts/pdf/book.css)');
  }
  return pages;
}

/** What the part before hands on to the next: pages so far and the running heads in force. */
interface Carry {
  readonly number: number;
  readonly strings: Record<string, string>;
}

interface PartFacts extends Carry {
  readonly blanks: number[];
  /** Every id in the part -> its page. */
  readonly ids: Record<string, number>;
  /** Ids the part's page references and links point to. */
  readonly refs: string[];
  readonly links: string[];
  /** Outline entries at the part's start that belong under the previous part's last chapter. */
  readonly adopt: number;
}

/**
 * Runs in a layout tab once all tabs are done: gathers its chunks' pages into one page area and
 * numbers them after the parts before it (the `Carry`): parity, blank pages, page numbers, the
 * running heads a chunk inherits from the chunks before it.
 */
const JOIN_PART = `(carry) => {
  const book = document.querySelector('.layout-book');
  const area = document.createElement('div');
  area.className = 'pagedjs_pages print-only';
  area.append(...book.querySelectorAll('.pagedjs_page'));
  book.replaceWith(area);
  let pages = [...area.children];
  const swap = (page) => {
    const left = page.classList.contains('pagedjs_left_page');
    page.classList.toggle('pagedjs_left_page', !left);
    page.classList.toggle('pagedjs_right_page', left);
  };
  // 1. Parity: a chunk starts where the one before ended. A chapter that must open on a right-hand
  //    page gets a blank page before it; any other chunk flips left/right (both have the same text width).
  let number = carry.number;
  let flip = false;
  const blanks = [];
  for (const page of pages) {
    const start = page.getAttribute('data-chunk-start');
    if (start) {
      const nextIsRight = (number + 1) % 2 === 1;
      if (start === 'right' && !nextIsRight) {
        const blank = page.cloneNode(false);
        blank.className = 'pagedjs_page pagedjs_left_page pagedjs_blank_page';
        blank.removeAttribute('data-chunk-start');
        blank.innerHTML = page.innerHTML;
        for (const content of blank.querySelectorAll('.pagedjs_page_content')) content.innerHTML = '';
        area.insertBefore(blank, page);
        number += 1;
        blanks.push(number);
      }
      flip = start !== 'right' && (number + 1) % 2 === 0;
    }
    const changed = flip || (number > 0 && page.classList.contains('pagedjs_first_page'));
    if (flip) swap(page);
    number += 1;
    if (number > 1) page.classList.remove('pagedjs_first_page');
    // The page's margin boxes were chosen for the side and place it had in its chunk.
    if (changed) window.__refinalizePage(page);
  }
  pages = [...area.children];
  // The page counter is the page area's (Paged.js resets it there): set it, rather than reset a new
  // one on the first page, which Chromium would not carry on to the pages after it.
  if (carry.number > 0) pages[0].style.setProperty('counter-set', 'page ' + (carry.number + 1));
  // 2. Numbering, and the running heads a chunk inherits from the chunks before it.
  const last = { ...carry.strings };
  pages.forEach((page, i) => {
    const n = carry.number + i + 1;
    page.id = 'page-' + n;
    page.dataset.pageNumber = String(n);
    for (const name of ['section', 'item']) {
      for (const kind of ['first', 'last', 'start']) {
        const prop = '--pagedjs-string-' + kind + '-' + name;
        const value = page.style.getPropertyValue(prop);
        if (value && value !== '""' && value !== '"') last[name] = page.style.getPropertyValue('--pagedjs-string-last-' + name);
        else if (last[name]) page.style.setProperty(prop, last[name]);
      }
    }
  });
  // 3. What the other parts need: where this part's ids are, and what it refers to.
  const ids = {};
  for (const el of area.querySelectorAll('[id]')) ids[el.id] ??= Number(el.closest('.pagedjs_page').dataset.pageNumber);
  const refs = [...new Set([...area.querySelectorAll('.page-ref')].map((r) => r.dataset.target || ''))];
  const links = [...new Set([...area.querySelectorAll('a[href^="#"]')].map((a) => decodeURIComponent(a.getAttribute('href').slice(1))))];
  // 4. Chromium nests the outline by heading level: a part that starts inside a chapter starts
  //    with entries at the top level that belong under the chapter's entry in the part before.
  let adopt = 0;
  if (carry.number > 0) {
    let top = 7;
    for (const h of area.querySelectorAll('h1, h2, h3, h4, h5, h6')) {
      const level = Number(h.tagName[1]);
      if (level === 1) break;
      if (level <= top) { adopt += 1; top = level; }
    }
  }
  return { number, strings: last, blanks, ids, refs, links, adopt };
}`;

/**
 * Runs in a layout tab after every part is joined: fills in page references, and makes the links
 * between parts survive printing. Chromium drops a link whose target is not in the document, but
 * keeps one to a hidden element (and makes no destination for it); and it makes a destination only
 * for an element that a link in the same document points to. So the part gets hidden stand-ins
 * for targets in other parts, and hidden links to its own targets of other parts' links.
 */
const FINISH_PART = `({ pageOf, standIns, wanted, total }) => {
  const area = document.querySelector('.pagedjs_pages');
  area.style.setProperty('--pagedjs-page-count', String(total));
  for (const ref of area.querySelectorAll('.page-ref')) ref.textContent = String(pageOf[ref.dataset.target]);
  const hidden = document.createElement('div');
  hidden.style.display = 'none';
  for (const id of standIns) hidden.appendChild(document.createElement('span')).id = id;
  for (const id of wanted) hidden.appendChild(document.createElement('a')).href = '#' + encodeURIComponent(id);
  document.body.append(hidden);
}`;

const call = (fn: string, arg: unknown): string => `(${fn})(${JSON.stringify(arg)})`;

export async function paginateBook(options: PaginateOptions): Promise<{ pdf: Uint8Array; facts: PageFacts }> {
  writeFileSync(join(options.folder, LAYOUT_WORKER), readFileSync(LAYOUT_WORKER_SOURCE));
  const server = await serveFolder(options.folder);
  const tabs: LayoutTab[] = [];
  try {
    const started = performance.now();
    const chunkTimes: { pages: number; seconds: number }[] = new Array(options.chunks.length);
    let pagesDone = 0;
    let chunksDone = 0;
    let failed = false;
    const progress = (n: number) => {
      pagesDone += n;
      options.onProgress?.(pagesDone, chunksDone, (performance.now() - started) / 1000);
    };
    const weights = options.chunks.map((c) => elementCount(readFileSync(join(options.folder, c.file), 'utf8')));
    const starts = planRuns(weights, options.concurrency);
    // One tab per run, in book order; every tab is a part of the book.
    const parts = await Promise.all(starts.map((start, r) => openTab(options.browser, server.origin, options.host, tabs).then((tab) => {
      tab.chunks.push(...Array.from({ length: (starts[r + 1] ?? options.chunks.length) - start }, (_, i) => start + i));
      return tab;
    })));
    await Promise.all(parts.map(async (tab) => {
      for (const index of tab.chunks) {
        if (failed) return;
        const chunkStarted = performance.now();
        try {
          const pages = await layoutChunk(tab, options.chunks[index]!, progress);
          chunkTimes[index] = { pages, seconds: (performance.now() - chunkStarted) / 1000 };
        } catch (e) {
          failed = true;
          throw e;
        }
        chunksDone += 1;
      }
    }));
    const layoutSeconds = (performance.now() - started) / 1000;
    const printStarted = performance.now();

    let carry: Carry = { number: 0, strings: {} };
    const joined: PartFacts[] = [];
    for (const part of parts) {
      const facts = (await part.page.evaluate(call(JOIN_PART, carry))) as PartFacts;
      joined.push(facts);
      carry = facts;
    }
    const pageOf: Record<string, number> = {};
    const owner: Record<string, number> = {};
    joined.forEach((facts, k) => {
      for (const [id, page] of Object.entries(facts.ids)) {
        pageOf[id] ??= page;
        owner[id] ??= k;
      }
    });
    const missing = [...new Set(joined.flatMap((f) => f.refs.filter((id) => pageOf[id] === undefined)))];
    if (missing.length) throw new PaginationError(`page references to missing anchors: ${missing.slice(0, 5).join(', ')}`);
    const pageCount = carry.number;

    await Promise.all(parts.map(async (part, k) => {
      const facts = joined[k]!;
      const linkedFromElsewhere = new Set(joined.flatMap((f, j) => (j === k ? [] : f.links)));
      await part.page.evaluate(call(FINISH_PART, {
        pageOf: Object.fromEntries(facts.refs.map((id) => [id, pageOf[id]])),
        standIns: facts.links.filter((id) => id && facts.ids[id] === undefined),
        wanted: Object.keys(facts.ids).filter((id) => owner[id] === k && linkedFromElsewhere.has(id)),
        total: pageCount,
      }));
      await part.page.evaluate('document.fonts.ready');
      if (part.blocked.length) throw new PaginationError(`the book tried to load remote resources: ${part.blocked.slice(0, 3).join(', ')}`);
    }));
    const printing = parts.map((part) => part.page.pdf({ preferCSSPageSize: true, printBackground: true, outline: true, tagged: true, timeout: 600_000 }));
    // The merge reads each part as soon as it is printed; a failed print fails it when it gets there.
    Promise.all(printing).catch(() => undefined);
    const pdf = await mergeTaggedPdfs(printing, { adopt: joined.map((f) => f.adopt) });

    const itemPages: Record<string, number> = {};
    const anchorPages: Record<string, number> = {};
    for (const [id, page] of Object.entries(pageOf)) {
      if (id.startsWith('item-')) itemPages[id.slice(5)] = page;
      else if (/^(section-|guide-|topic-index$|contents$)/.test(id)) anchorPages[id] = page;
    }
    return {
      pdf,
      facts: {
        pageCount, itemPages, anchorPages, blankPages: joined.flatMap((f) => f.blanks),
        layoutSeconds, printSeconds: (performance.now() - printStarted) / 1000, chunkTimes,
      },
    };
  } finally {
    await Promise.all(tabs.map((t) => t.page.close().catch(() => undefined)));
    await server.close();
  }
}
