/**
 * The print finisher: Paged.js lays the print HTML out in the shared Chromium, then Chromium
 * prints it to a tagged PDF with an outline. The page is served from a loopback server and every
 * other request is blocked. Pagination is bounded by a timeout sized to the book and reports
 * progress while it runs.
 */
import type { Browser } from 'puppeteer-core';
import { blockRemoteRequests } from '../browser.ts';
import { serveFolder } from '../static-server.ts';

export interface PaginateOptions {
  /** Folder holding index.html and everything it loads. */
  readonly folder: string;
  readonly browser: Browser;
  readonly timeoutMs: number;
  /** Called about once a second while laying out. */
  readonly onProgress?: (pages: number, seconds: number) => void;
}

export interface PageFacts {
  readonly pageCount: number;
  /** Item id -> 1-based page where the item starts. */
  readonly itemPages: Record<string, number>;
  /** Anchor id (guides, sections, index) -> page. */
  readonly anchorPages: Record<string, number>;
  /** Pages Paged.js left blank (for a right-hand start). */
  readonly blankPages: readonly number[];
  /** Seconds spent laying out, and printing. */
  readonly layoutSeconds: number;
  readonly printSeconds: number;
  /** Cumulative seconds after each page was laid out (for the per-page cost benchmark). */
  readonly pageTimes: readonly number[];
}

export class PaginationError extends Error {}

export async function paginate(options: PaginateOptions): Promise<{ pdf: Uint8Array; facts: PageFacts }> {
  const server = await serveFolder(options.folder);
  const page = await options.browser.newPage();
  try {
    const blocked = await blockRemoteRequests(page, server.origin);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e instanceof Error ? e.message : String(e)));
    // tsx compiles functions with esbuild's keepNames, which wraps them in a `__name` helper
    // that does not exist in the page: define it before any evaluated function runs there.
    await page.evaluateOnNewDocument('window.__name = function (f) { return f; };');
    await page.evaluateOnNewDocument(() => {
      const times: number[] = [];
      const start = performance.now();
      (window as unknown as { __pageTimes: number[] }).__pageTimes = times;
      const record = () => times.push((performance.now() - start) / 1000);
      (window as unknown as { __recordPage: () => void }).__recordPage = record;
    });
    const started = performance.now();
    await page.goto(`${server.origin}/index.html`, { waitUntil: 'load', timeout: 120_000 });
    for (;;) {
      const state = await page.evaluate(() => ({
        done: (window as unknown as { __pagedDone?: boolean }).__pagedDone === true,
        pages: (window as unknown as { __pagesDone?: number }).__pagesDone ?? 0,
      }));
      const seconds = (performance.now() - started) / 1000;
      if (state.done) break;
      if (errors.length) throw new PaginationError(`Paged.js failed after ${state.pages} pages: ${errors[0]}`);
      if (seconds * 1000 > options.timeoutMs) {
        throw new PaginationError(`pagination did not finish in ${Math.round(options.timeoutMs / 1000)} s (${state.pages} pages laid out); ` +
          'a page that can never fit (a huge table or figure) makes Paged.js loop: look at the last item laid out');
      }
      options.onProgress?.(state.pages, seconds);
      await new Promise((r) => setTimeout(r, 1000));
    }
    const layoutSeconds = (performance.now() - started) / 1000;
    if (blocked.length) throw new PaginationError(`the print page tried to load remote resources: ${blocked.slice(0, 3).join(', ')}`);
    const facts = await page.evaluate(() => {
      const pageOf = (el: Element) => Number((el.closest('.pagedjs_page') as HTMLElement | null)?.dataset['pageNumber'] ?? 0);
      const itemPages: Record<string, number> = {};
      const anchorPages: Record<string, number> = {};
      for (const el of document.querySelectorAll('.pagedjs_page [id]')) {
        const id = el.id;
        if (id.startsWith('item-')) itemPages[id.slice(5)] ??= pageOf(el);
        else if (/^(section-|guide-|topic-index|contents)/.test(id)) anchorPages[id] ??= pageOf(el);
      }
      const pages = [...document.querySelectorAll('.pagedjs_page')];
      const blankPages = pages.filter((p) => p.classList.contains('pagedjs_blank_page')).map((p) => Number((p as HTMLElement).dataset['pageNumber']));
      return { pageCount: pages.length, itemPages, anchorPages, blankPages, pageTimes: (window as unknown as { __pageTimes: number[] }).__pageTimes };
    });
    const printStarted = performance.now();
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true, outline: true, tagged: true, timeout: Math.max(120_000, options.timeoutMs) });
    return { pdf, facts: { ...facts, layoutSeconds, printSeconds: (performance.now() - printStarted) / 1000 } };
  } finally {
    await page.close();
    await server.close();
  }
}
