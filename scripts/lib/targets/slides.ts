/**
 * Slide decks: one per paper discussion, ML system design and model design, as a self-contained
 * HTML deck, a PDF and a PPTX (`dist/slides/<ID>-<slug>.*`).
 *
 * 1. plan each deck from its item (scripts/lib/slides/deck.ts);
 * 2. fit: render every deck with Marp Core in-process, measure its slides in the build's browser,
 *    split or condense the slides that overflow, and repeat until all fit;
 * 3. convert all decks in one batch per format (HTML, PDF) through Marp CLI's API (one browser
 *    for the batch), and make the PPTX from the PDF pages (slides/pptx.ts says why);
 *    an unchanged set of decks is not converted again (content hash).
 */
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Marp } from '@marp-team/marp-core';
import { marpCli } from '@marp-team/marp-cli';
import type { Browser } from 'puppeteer-core';
import type { Book } from '../model.ts';
import type { Target } from './target.ts';
import { createMarkdown } from '../render/markdown.ts';
import { planDeck, type DeckPlan } from '../slides/deck.ts';
import { renderMarpMarkdown } from '../slides/marp-markdown.ts';
import { fitDeck } from '../slides/fit.ts';
import { buildThemeCss, stageThemeFonts } from '../slides/theme.ts';
import { serveFolder } from '../static-server.ts';
import { MEASURE_SLIDES, type SlideMeasure } from '../slides/measure.ts';
import { blockRemoteRequests, findChrome } from '../browser.ts';
import { packageDir } from '../assets.ts';
import { loadDotRenderer } from '../render/diagrams.ts';
import { layoutForSlide } from '../slides/diagram-layout.ts';
import { writePptxFromPdf } from '../slides/pptx.ts';

/** Sections whose items are presented: each item gets a deck. */
export const DECK_SECTIONS = ['papers', 'system-design', 'model-design'] as const;
export const DECK_FORMATS = ['html', 'pdf', 'pptx'] as const;
const MAX_FIT_ROUNDS = 8;

/**
 * Measures decks in one tab: each deck rendered by Marp Core in-process and swapped into a page
 * served from loopback, whose fonts load once for all decks.
 */
export async function measureDecks(browser: Browser, projectRoot: string, workDir: string, markdowns: readonly string[]): Promise<SlideMeasure[][]> {
  rmSync(workDir, { recursive: true, force: true });
  stageThemeFonts(join(workDir, 'fonts'));
  writeFileSync(join(workDir, 'index.html'), '<!doctype html><html><head><style id="deck"></style></head><body></body></html>');
  const server = await serveFolder(workDir);
  const page = await browser.newPage();
  try {
    await page.setViewport({ width: 1280, height: 720 });
    const blocked = await blockRemoteRequests(page, server.origin);
    await page.goto(`${server.origin}/index.html`);
    const theme = buildThemeCss(projectRoot, `${server.origin}/fonts/`);
    const results: SlideMeasure[][] = [];
    const marp = new Marp({ html: true, math: false, inlineSVG: false, script: false });
    marp.themeSet.add(theme);
    for (const markdown of markdowns) {
      const { html, css } = marp.render(markdown);
      await page.evaluate(`document.getElementById('deck').textContent = ${JSON.stringify(css)}; document.body.innerHTML = ${JSON.stringify(html)};`);
      await page.evaluate('document.fonts.ready');
      results.push((await page.evaluate(MEASURE_SLIDES)) as SlideMeasure[]);
    }
    if (blocked.length) throw new Error(`a deck requested ${blocked[0]}: decks must not load anything remote`);
    return results;
  } finally {
    await page.close();
    await server.close();
  }
}

/** Plans every deck and fits it to its frames; only decks changed by a round are measured again. */
export async function planAndFit(book: Book, browser: Browser, projectRoot: string, workDir: string): Promise<DeckPlan[]> {
  const md = createMarkdown();
  const lookup = (id: string) => book.itemsById.get(id);
  const render = await loadDotRenderer();
  let decks = book.sections
    .filter((s) => (DECK_SECTIONS as readonly string[]).includes(s.key))
    .flatMap((s) => s.items.map((item) => planDeck(item, s.title, md, lookup, (d) => layoutForSlide(d, render))));
  let pending = decks.map((_, i) => i);
  for (let round = 0; pending.length; round++) {
    const measures = await measureDecks(browser, projectRoot, workDir, pending.map((i) => renderMarpMarkdown(decks[i]!)));
    const over = new Map<number, Map<number, boolean>>();
    pending.forEach((deckIndex, k) => {
      const slides = measures[k]!.filter((s) => s.overflowX > 0 || s.overflowY > 0);
      if (slides.length) over.set(deckIndex, new Map(slides.map((s) => [s.index, s.overflowX > 0])));
    });
    if (over.size && round === MAX_FIT_ROUNDS) {
      const left = [...over].flatMap(([d, slides]) => [...slides.keys()].map((n) => `${decks[d]!.name} slide ${n + 1}`));
      throw new Error(`slides still overflow after ${MAX_FIT_ROUNDS} rounds of fitting: ${left.join(', ')}`);
    }
    decks = decks.map((deck, i) => (over.has(i) ? fitDeck(deck, over.get(i)!) : deck));
    pending = [...over.keys()];
  }
  return decks;
}

/** PPTX from each deck's PDF (see slides/pptx.ts for why not Marp's own), two decks at a time. */
async function writePptxDecks(decks: readonly DeckPlan[], folder: string): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < decks.length) {
      const deck = decks[next++]!;
      await writePptxFromPdf({
        pdf: join(folder, `${deck.name}.pdf`), out: join(folder, `${deck.name}.pptx`),
        title: `${deck.item.id} ${deck.item.title}`, notes: deck.slides.map((s) => s.notes),
      });
    }
  };
  await Promise.all([worker(), worker()]);
}

/** Runs Marp CLI on the folder of decks for one format; throws with its output on failure. */
async function convert(srcDir: string, outDir: string, themePath: string, format: 'html' | 'pdf'): Promise<void> {
  const args = ['--input-dir', srcDir, '--output', outDir, '--theme-set', themePath, '--html', '--no-config-file',
    '--browser-path', findChrome(), '--browser-timeout', '300', '--parallel', '2'];
  if (format === 'pdf') args.push('--pdf', '--pdf-outlines', '--pdf-notes');
  // Marp CLI reports every file it converts; the build shows that only when the batch fails.
  const lines: string[] = [];
  const saved = { log: console.log, info: console.info, warn: console.warn, error: console.error };
  const keep = (...args: unknown[]) => { lines.push(args.map(String).join(' ')); };
  Object.assign(console, { log: keep, info: keep, warn: keep, error: keep });
  let code: number;
  try {
    code = await marpCli(args);
  } finally {
    Object.assign(console, saved);
  }
  if (code !== 0) throw new Error(`Marp CLI failed converting decks to ${format} (exit ${code}):\n${lines.join('\n')}`);
}

/**
 * The cache key of the whole deck stage, computed before any planning: the presented items as the
 * Book has them, the theme, the slide code and Marp's version. An unchanged book skips planning,
 * fitting and converting alike.
 */
function deckStageKey(book: Book, theme: string, projectRoot: string): string {
  const hash = createHash('sha256').update('slides-v2').update(theme);
  hash.update(readFileSync(join(packageDir('@marp-team/marp-cli'), 'package.json')));
  hash.update(readFileSync(join(packageDir('pptxgenjs'), 'package.json')));
  const code = [join(projectRoot, 'scripts/lib/targets/slides.ts'), ...readdirSync(join(projectRoot, 'scripts/lib/slides')).sort().map((f) => join(projectRoot, 'scripts/lib/slides', f))];
  for (const file of code) hash.update(readFileSync(file));
  for (const item of book.items.filter((i) => (DECK_SECTIONS as readonly string[]).includes(i.section))) {
    hash.update(JSON.stringify({ ...item, diagrams: item.diagrams.map((d) => [d.id, d.caption, d.dot]) }));
  }
  return hash.digest('hex').slice(0, 32);
}

export const slidesTarget: Target = {
  name: 'slides',
  async build(book, ctx) {
    const t0 = performance.now();
    const seconds = (from: number) => ((performance.now() - from) / 1000).toFixed(1);
    const theme = buildThemeCss(ctx.projectRoot);
    const cached = join(ctx.cacheDir, deckStageKey(book, theme, ctx.projectRoot));
    // Each format is marked done on its own, so an interrupted build converts only what is missing.
    const done = (format: string) => join(cached, `.done-${format}`);

    if (DECK_FORMATS.some((f) => !existsSync(done(f)))) {
      const decks = await planAndFit(book, await ctx.browser(), ctx.projectRoot, join(ctx.cacheDir, 'measure'));
      ctx.log(`slides: planned and fitted ${decks.length} decks, ${decks.reduce((n, d) => n + d.slides.length, 0)} slides, in ${seconds(t0)} s`);
      const work = join(ctx.cacheDir, 'work');
      const themePath = join(work, 'theme.css');
      rmSync(work, { recursive: true, force: true });
      mkdirSync(join(work, 'src'), { recursive: true });
      mkdirSync(cached, { recursive: true });
      writeFileSync(themePath, theme);
      for (const deck of decks) {
        const markdown = renderMarpMarkdown(deck);
        writeFileSync(join(work, 'src', `${deck.name}.md`), markdown);
        writeFileSync(join(cached, `${deck.name}.md`), markdown);
      }
      for (const format of DECK_FORMATS.filter((f) => !existsSync(done(f)))) {
        const t = performance.now();
        if (format === 'pptx') await writePptxDecks(decks, cached);
        else await convert(join(work, 'src'), cached, themePath, format);
        writeFileSync(done(format), `${decks.length}\n`);
        ctx.log(`slides: ${decks.length} decks to ${format} in ${seconds(t)} s`);
      }
    } else ctx.log('slides: unchanged, reused the decks of the last build');

    // Decks of earlier books are 100 MB a set: keep only this one.
    for (const old of readdirSync(ctx.cacheDir)) if (/^[0-9a-f]{32}$/.test(old) && join(ctx.cacheDir, old) !== cached) rmSync(join(ctx.cacheDir, old), { recursive: true, force: true });
    const files = readdirSync(cached).filter((f) => !f.startsWith('.done-'));
    for (const file of files) cpSync(join(cached, file), join(ctx.outDir, file));
    ctx.log(`slides: ${files.filter((f) => f.endsWith('.html')).length} decks, deck stage ${seconds(t0)} s`);
  },
};
