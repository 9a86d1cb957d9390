/**
 * `npm run bench:pdf [-- --paper letter|a4] [--skip-cli]`: times our PDF stage and pagedjs-cli
 * 0.4.3 on the same print HTML in one run (same machine, same browser build), and prints both
 * times, their ratio, and how per-page layout cost changes from the first quarter of the book's
 * pages to the last.
 */
import { spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadBook } from './lib/load/loader.ts';
import { resolveBuildDate } from './lib/build-date.ts';
import { renderPrintBook, singleDocument, type Paper } from './lib/pdf/print-html.ts';
import { stagePrintFolder, chunkTimeoutMs, PRINT_HOST } from './lib/targets/pdf.ts';
import { paginateBook } from './lib/pdf/paginate.ts';
import { closeBrowser, findChrome, getBrowser } from './lib/browser.ts';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const args = process.argv.slice(2);
const paper = (args[args.indexOf('--paper') + 1] === 'a4' ? 'a4' : 'letter') as Paper;

const loaded = await loadBook({ root, date: resolveBuildDate(process.env, root) });
if (!loaded.ok) {
  console.error('content has errors: run npm run check');
  process.exit(1);
}
const print = renderPrintBook(loaded.book, paper);
const folder = join(root, '.cache', 'bench-pdf');
mkdirSync(folder, { recursive: true });
stagePrintFolder(print, folder, root);

// Ours: the chunked layout in one tab per core, each printing its part, the parts merged.
const t0 = performance.now();
const ours = await paginateBook({
  folder, host: PRINT_HOST, browser: await getBrowser(), concurrency: availableParallelism(),
  chunks: print.chunks.map((c) => ({ file: c.file, startsRight: c.startsRight, timeoutMs: chunkTimeoutMs(c.items.length) })),
});
const oursSeconds = (performance.now() - t0) / 1000;
await closeBrowser();
writeFileSync(join(folder, 'ours.pdf'), ours.pdf);
const { pageCount, chunkTimes, layoutSeconds, printSeconds } = ours.facts;
console.log(`ours:        ${oursSeconds.toFixed(1)} s for ${pageCount} pages (layout ${layoutSeconds.toFixed(1)} s, print ${printSeconds.toFixed(1)} s)`);

// Per-page cost across the book: seconds per page of the chunks covering the first and last quarter of pages.
const perPage = chunkTimes.flatMap((c) => Array.from({ length: c.pages }, () => c.seconds / Math.max(1, c.pages)));
const quarter = Math.max(1, Math.floor(perPage.length / 4));
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const growth = mean(perPage.slice(-quarter)) / mean(perPage.slice(0, quarter));
console.log(`per-page layout cost, last quarter / first quarter: ${growth.toFixed(2)}`);

if (args.includes('--skip-cli')) process.exit(0);
// pagedjs-cli on the same HTML as one document (it brings its own Paged.js).
writeFileSync(join(folder, 'single.html'), singleDocument(print));
const cli = join(root, 'node_modules', 'pagedjs-cli', 'src', 'cli.js');
if (!existsSync(cli)) {
  console.error('pagedjs-cli is not installed: npm ci');
  process.exit(1);
}
const t1 = performance.now();
const run = spawnSync(process.execPath, [cli, '-i', join(folder, 'single.html'), '-o', join(folder, 'pagedjs-cli.pdf'), '--browserArgs', '--no-sandbox,--allow-file-access-from-files', '--timeout', '3600000'], {
  env: { ...process.env, PUPPETEER_EXECUTABLE_PATH: findChrome() }, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024,
});
const cliSeconds = (performance.now() - t1) / 1000;
if (run.status !== 0) {
  console.error(`pagedjs-cli failed (exit ${run.status}): ${(run.stderr || run.stdout).slice(-2000)}`);
  process.exit(1);
}
const cliPages = /Pages:\s+(\d+)/.exec(spawnSync('pdfinfo', [join(folder, 'pagedjs-cli.pdf')], { encoding: 'utf8' }).stdout)?.[1];
console.log(`pagedjs-cli: ${cliSeconds.toFixed(1)} s for ${cliPages ?? '?'} pages`);
console.log(`ratio ours / pagedjs-cli: ${(oursSeconds / cliSeconds).toFixed(2)}`);
