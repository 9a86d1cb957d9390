/**
 * The print finisher. Paged.js lays the book out chunk by chunk (every chunk starts on a new
 * page) in tabs of the shared Chromium; the laid-out pages are then joined in one document —
 * left/right parity restored, deliberate blank pages inserted before chapters that must open
 * on a right-hand page, page numbers and running heads carried across chunks — and printed
 * once, so the PDF has one outline and one structure tree.
 *
 * Why chunks: in one big document Paged.js's cost per page grows with the pages already laid
 * out (style recalculation over the whole document), and one pathological page stops the
 * whole book. A chunk is small, so per-page cost stays flat and chunks run in parallel.
 *
 * Pages are served from a loopback server; every other request is blocked.
 */
import type { Browser, Page } from 'puppeteer-core';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { blockRemoteRequests } from '../browser.ts';
import { serveFolder } from '../static-server.ts';
import { mergeTaggedPdfs } from './merge.ts';

export interface ChunkInput {
  /** HTML file in the folder. */
  readonly file: string;
  readonly startsRight: boolean;
  /** Upper bound for this chunk's layout, in milliseconds. */
  readonly timeoutMs: number;
}

export interface PaginateOptions {
  readonly folder: string;
  readonly title: string;
  readonly chunks: readonly ChunkInput[];
  readonly browser: Browser;
  /** Tabs laying out chunks at once. */
  readonly concurrency: number;
  /** Tabs printing parts of the book at once (the parts are merged into one PDF); default 1. */
  readonly printTabs?: number;
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

interface LaidOut {
  readonly pages: string;
  readonly styles: readonly string[];
  readonly pageCount: number;
  readonly seconds: number;
}

/** tsx compiles functions with esbuild's keepNames (a `__name` helper the page does not have). */
const NAME_SHIM = 'window.__name = function (f) { return f; };';

async function openPage(browser: Browser, origin: string): Promise<{ page: Page; blocked: string[]; errors: string[] }> {
  const page = await browser.newPage();
  const blocked = await blockRemoteRequests(page, origin);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e instanceof Error ? e.message : String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error' && m.text().startsWith('Layout repeated')) errors.push('Paged.js could not fit some content on a page (layout repeated)');
  });
  await page.evaluateOnNewDocument(NAME_SHIM);
  return { page, blocked, errors };
}

async function layoutChunk(browser: Browser, origin: string, chunk: ChunkInput, onPages: (n: number) => void): Promise<LaidOut> {
  const { page, blocked, errors } = await openPage(browser, origin);
  try {
    const started = performance.now();
    await page.goto(`${origin}/${chunk.file}`, { waitUntil: 'load', timeout: chunk.timeoutMs });
    let reported = 0;
    for (;;) {
      const state = (await page.evaluate('({ done: window.__pagedDone === true, pages: window.__pagesDone || 0 })')) as { done: boolean; pages: number };
      if (state.pages > reported) {
        onPages(state.pages - reported);
        reported = state.pages;
      }
      if (errors.length) throw new PaginationError(`${chunk.file}: ${errors[0]} after ${state.pages} pages`);
      if (state.done) break;
      if (performance.now() - started > chunk.timeoutMs) {
        throw new PaginationError(`${chunk.file}: layout did not finish in ${Math.round(chunk.timeoutMs / 1000)} s (${state.pages} pages laid out); ` +
          'content that can never fit on a page (a huge table or figure) makes Paged.js loop');
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    if (blocked.length) throw new PaginationError(`${chunk.file} tried to load remote resources: ${blocked.slice(0, 3).join(', ')}`);
    const seconds = (performance.now() - started) / 1000;
    const result = (await page.evaluate(`(() => {
      const pages = [...document.querySelectorAll('.pagedjs_pages > .pagedjs_page')];
      // Paged.js stores running heads as unterminated CSS strings ("Title), which survive in the
      // live page but not a round trip through HTML: close them before serializing.
      for (const p of pages) {
        for (let i = p.style.length - 1; i >= 0; i--) {
          const name = p.style[i];
          if (!name.startsWith('--pagedjs-string-')) continue;
          let v = p.style.getPropertyValue(name).trim();
          if (!v.startsWith('"')) v = '"' + v;
          if (v.length === 1 || !v.endsWith('"') || v.endsWith('\\\\"')) v += '"';
          p.style.setProperty(name, v);
        }
      }
      // Layout bookkeeping the printed page does not need: dropping it shrinks the joined
      // document (and its load time) by about a third.
      for (const el of document.querySelectorAll('.pagedjs_pages [data-ref]')) {
        for (const a of ['data-ref', 'data-id', 'data-break-before', 'data-break-after', 'data-next-break-before', 'data-previous-break-after', 'data-after-page']) el.removeAttribute(a);
      }
      if (pages[0]) pages[0].setAttribute('data-chunk-start', ${JSON.stringify(chunk.startsRight ? 'right' : 'any')});
      // Content Paged.js believed fitted but Chromium set in the page's overflow column: it would
      // be missing from the PDF without a word. The first such text of each page, for the error.
      const lost = [];
      pages.forEach((p, i) => {
        const area = p.querySelector('.pagedjs_page_content');
        if (!area || area.scrollWidth <= area.clientWidth + 1) return;
        // The next column starts a page-margin's width to the right; text just past the edge
        // (a formula a few points too wide) is still printed.
        const right = area.getBoundingClientRect().right + 40;
        const walker = document.createTreeWalker(area, NodeFilter.SHOW_TEXT);
        for (let t = walker.nextNode(); t; t = walker.nextNode()) {
          if (!t.textContent.trim()) continue;
          const range = document.createRange();
          range.selectNodeContents(t);
          const r = range.getBoundingClientRect();
          if (r.width > 0 && r.left >= right) { lost.push({ page: i + 1, text: t.textContent.trim().slice(0, 80) }); break; }
        }
      });
      return {
        lost,
        pages: pages.map((p) => p.outerHTML).join('\\n'),
        styles: [...document.querySelectorAll('style[data-pagedjs-inserted-styles]')].map((s) => s.textContent),
        pageCount: pages.length,
      };
    })()`)) as Omit<LaidOut, 'seconds'> & { lost: { page: number; text: string }[] };
    if (result.lost.length) {
      throw new PaginationError(`${chunk.file}: Paged.js set text outside the page, where it would be missing from the PDF: ` +
        result.lost.slice(0, 3).map((l) => `page ${l.page} of the chunk, "${l.text}"`).join('; ') +
        ' (a box with bottom padding or a bottom border that splits across pages does this: see layouts/pdf/book.css)');
    }
    return { pages: result.pages, styles: result.styles, pageCount: result.pageCount, seconds };
  } finally {
    await page.close();
  }
}

/** Runs in the joined document: parity, blank pages, numbering, running heads, page references. */
const JOIN_FIXUPS = `(() => {
  const area = document.querySelector('.pagedjs_pages');
  let pages = [...area.children];
  const swap = (page) => {
    const left = page.classList.contains('pagedjs_left_page');
    page.classList.toggle('pagedjs_left_page', !left);
    page.classList.toggle('pagedjs_right_page', left);
  };
  // 1. Parity: chunk i starts where chunk i-1 ended. A chapter that must open on a right-hand page
  //    gets a blank page before it; any other chunk flips left/right (both have the same text width).
  let number = 0;
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
    if (flip) swap(page);
    number += 1;
    if (number > 1) page.classList.remove('pagedjs_first_page');
  }
  pages = [...area.children];
  // 2. Numbering, and the running heads a chunk inherits from the chunks before it.
  const last = {};
  pages.forEach((page, i) => {
    page.id = 'page-' + (i + 1);
    page.dataset.pageNumber = String(i + 1);
    for (const name of ['section', 'item']) {
      for (const kind of ['first', 'last', 'start']) {
        const prop = '--pagedjs-string-' + kind + '-' + name;
        const value = page.style.getPropertyValue(prop);
        if (value && value !== '""' && value !== '"') last[name] = page.style.getPropertyValue('--pagedjs-string-last-' + name);
        else if (last[name]) page.style.setProperty(prop, last[name]);
      }
    }
  });
  area.style.setProperty('--pagedjs-page-count', String(pages.length));
  // 3. Page references (contents, cross-references, index).
  const missing = [];
  for (const ref of document.querySelectorAll('.page-ref')) {
    const target = document.getElementById(ref.dataset.target || '');
    const page = target && target.closest('.pagedjs_page');
    if (page) ref.textContent = page.dataset.pageNumber;
    else missing.push(ref.dataset.target);
  }
  const pageOf = (el) => Number(el.closest('.pagedjs_page').dataset.pageNumber);
  const itemPages = {};
  const anchorPages = {};
  for (const el of document.querySelectorAll('.pagedjs_page [id]')) {
    if (el.id.startsWith('item-')) itemPages[el.id.slice(5)] ??= pageOf(el);
    else if (/^(section-|guide-|topic-index$|contents$)/.test(el.id)) anchorPages[el.id] ??= pageOf(el);
  }
  return { missing, itemPages, anchorPages, pageCount: pages.length, blankPages: blanks };
})()`;

interface JoinFacts {
  missing: string[]; itemPages: Record<string, number>; anchorPages: Record<string, number>; pageCount: number; blankPages: number[];
}

/**
 * Runs in the fixed-up joined document: cuts the pages into `n` runs of about equal length, each
 * starting where a chapter or part opens (so every part's outline starts at a top-level entry),
 * and returns each run as HTML, its page counter starting where the run starts.
 */
const SPLIT_PARTS = `(n) => {
  const area = document.querySelector('.pagedjs_pages');
  const pages = [...area.children];
  const opens = pages.map((p, i) => (p.getAttribute('data-chunk-start') === 'right' ? i : -1)).filter((i) => i > 0);
  const cuts = [0];
  for (let k = 1; k < n; k++) {
    const ideal = (pages.length * k) / n;
    const best = opens.filter((i) => i > cuts[cuts.length - 1]).sort((a, b) => Math.abs(a - ideal) - Math.abs(b - ideal))[0];
    if (best !== undefined) cuts.push(best);
  }
  cuts.push(pages.length);
  const style = (area.getAttribute('style') || '').replace(/display:\\s*none;?/, '');
  const runs = [];
  for (let k = 0; k + 1 < cuts.length; k++) runs.push(pages.slice(cuts[k], cuts[k + 1]));
  const owns = runs.map((run) => new Set(run.flatMap((p) => [p.id, ...[...p.querySelectorAll('[id]')].map((e) => e.id)])));
  const links = runs.map((run) => new Set(run.flatMap((p) => [...p.querySelectorAll('a[href^="#"]')].map((a) => decodeURIComponent(a.getAttribute('href').slice(1))))));
  const attr = (id) => id.replace(/[&"<]/g, (c) => '&#' + c.charCodeAt(0) + ';');
  const parts = [];
  runs.forEach((run, k) => {
    if (cuts[k] > 0) run[0].style.setProperty('counter-reset', 'page ' + cuts[k]);
    // Chromium drops a link whose target is not in the document, but keeps one to a hidden
    // element (and makes no destination for it); and it makes a destination only for an element
    // that a link in the same document points to. So each part gets hidden stand-ins for the
    // targets in other parts, and hidden links to its own targets of other parts' links.
    const standIns = [...links[k]].filter((id) => id && !owns[k].has(id)).map((id) => '<span id="' + attr(id) + '"></span>');
    const wanted = [...owns[k]].filter((id) => id && links.some((set, j) => j !== k && set.has(id))).map((id) => '<a href="#' + attr(id) + '"></a>');
    parts.push('<div class="pagedjs_pages" style="' + style.replace(/"/g, '&quot;') + '">' + run.map((p) => p.outerHTML).join('\\n') + '</div>' +
      '<div style="display: none">' + standIns.join('') + wanted.join('') + '</div>');
  });
  return parts;
}`;

export async function paginateBook(options: PaginateOptions): Promise<{ pdf: Uint8Array; facts: PageFacts }> {
  const server = await serveFolder(options.folder);
  try {
    const started = performance.now();
    const results: LaidOut[] = new Array(options.chunks.length);
    let next = 0;
    let pagesDone = 0;
    let chunksDone = 0;
    const worker = async (): Promise<void> => {
      while (next < options.chunks.length) {
        const index = next++;
        results[index] = await layoutChunk(options.browser, server.origin, options.chunks[index]!, (n) => {
          pagesDone += n;
          options.onProgress?.(pagesDone, chunksDone, (performance.now() - started) / 1000);
        });
        chunksDone += 1;
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, options.concurrency) }, worker));
    const layoutSeconds = (performance.now() - started) / 1000;

    // Join: the styles Paged.js generated (identical across chunks but for generated rules, so
    // each distinct one is kept once) and every page in order. The joined document is only read
    // (fixed up and cut into print parts), never drawn: it is not laid out at all.
    const styles = [...new Set(results.flatMap((r) => r.styles))];
    const head = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>${options.title.replace(/[<&]/g, (c) => (c === '<' ? '&lt;' : '&amp;'))}</title>
${styles.map((s) => `<style data-pagedjs-inserted-styles="true">${s}</style>`).join('\n')}
</head><body>`;
    writeFileSync(join(options.folder, 'joined.html'), `${head}<div class="pagedjs_pages" style="display: none">
${results.map((r) => r.pages).join('\n')}
</div></body></html>`);

    const printStarted = performance.now();
    const { page, blocked } = await openPage(options.browser, server.origin);
    let fixed: JoinFacts;
    let parts: string[];
    try {
      await page.goto(`${server.origin}/joined.html`, { waitUntil: 'load', timeout: 300_000 });
      fixed = (await page.evaluate(JOIN_FIXUPS)) as JoinFacts;
      if (fixed.missing.length) throw new PaginationError(`page references to missing anchors: ${[...new Set(fixed.missing)].slice(0, 5).join(', ')}`);
      if (blocked.length) throw new PaginationError(`the joined book tried to load remote resources: ${blocked.slice(0, 3).join(', ')}`);
      parts = (await page.evaluate(`(${SPLIT_PARTS})(${Math.max(1, options.printTabs ?? 1)})`)) as string[];
    } finally {
      await page.close();
    }
    // Each part is printed in its own tab (Chromium prints on one thread per tab), then the
    // parts are merged back into one tagged PDF with one outline.
    const printed = await Promise.all(parts.map(async (body, i) => {
      const file = `print-${i}.html`;
      writeFileSync(join(options.folder, file), `${head}${body}</body></html>`);
      const tab = await openPage(options.browser, server.origin);
      try {
        await tab.page.goto(`${server.origin}/${file}`, { waitUntil: 'load', timeout: 300_000 });
        await tab.page.evaluate('document.fonts.ready');
        if (tab.blocked.length) throw new PaginationError(`the book tried to load remote resources: ${tab.blocked.slice(0, 3).join(', ')}`);
        return await tab.page.pdf({ preferCSSPageSize: true, printBackground: true, outline: true, tagged: true, timeout: 600_000 });
      } finally {
        await tab.page.close();
      }
    }));
    const pdf = await mergeTaggedPdfs(printed);
    return {
      pdf,
      facts: {
        pageCount: fixed.pageCount, itemPages: fixed.itemPages, anchorPages: fixed.anchorPages, blankPages: fixed.blankPages,
        layoutSeconds, printSeconds: (performance.now() - printStarted) / 1000,
        chunkTimes: results.map((r) => ({ pages: r.pageCount, seconds: r.seconds })),
      },
    };
  } finally {
    await server.close();
  }
}
