/**
 * Slide decks: one per paper discussion, ML system design and model design, as a self-contained
 * HTML deck, a PDF and a PPTX (`dist/slides/<ID>-<slug>.*`).
 *
 * 1. plan each deck from its item (scripts/lib/slides/deck.ts);
 * 2. fit: render every deck with Marp Core in-process, measure its slides in the build's browser,
 *    split or condense the slides that overflow, and repeat until all fit;
 * 3. convert all decks in one batch per format through Marp CLI's API (one browser per batch);
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

/** Runs Marp CLI on the folder of decks for one format; throws with its output on failure. */
async function convert(srcDir: string, outDir: string, themePath: string, format: (typeof DECK_FORMATS)[number]): Promise<void> {
  const args = ['--input-dir', srcDir, '--output', outDir, '--theme-set', themePath, '--html', '--no-config-file',
    '--browser-path', findChrome(), '--browser-timeout', '300'];
  if (format !== 'pptx') args.push('--parallel', '2');
  if (format === 'pdf') args.push('--pdf', '--pdf-outlines', '--pdf-notes');
  // PPTX slides are screenshots at twice the size: one at a time keeps each under the timeout.
  if (format === 'pptx') args.push('--pptx', '--parallel', '1');
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

export const slidesTarget: Target = {
  name: 'slides',
  async build(book, ctx) {
    const t0 = performance.now();
    const theme = buildThemeCss(ctx.projectRoot);
    const decks = await planAndFit(book, await ctx.browser(), ctx.projectRoot, join(ctx.cacheDir, 'measure'));
    ctx.log(`slides: planned and fitted ${decks.length} decks in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const markdowns = decks.map((d) => [d, renderMarpMarkdown(d)] as const);
    const slideCount = decks.reduce((n, d) => n + d.slides.length, 0);

    const hash = createHash('sha256').update('slides-v1').update(theme);
    hash.update(readFileSync(join(packageDir('@marp-team/marp-cli'), 'package.json')));
    for (const [deck, markdown] of markdowns) hash.update(deck.name).update('\0').update(markdown).update('\0');
    const key = hash.digest('hex').slice(0, 32);
    const cached = join(ctx.cacheDir, key);

    if (!existsSync(join(cached, 'done'))) {
      const work = join(ctx.cacheDir, 'work');
      rmSync(work, { recursive: true, force: true });
      mkdirSync(join(work, 'src'), { recursive: true });
      const themePath = join(work, 'theme.css');
      writeFileSync(themePath, theme);
      for (const [deck, markdown] of markdowns) writeFileSync(join(work, 'src', `${deck.name}.md`), markdown);
      rmSync(cached, { recursive: true, force: true });
      mkdirSync(cached, { recursive: true });
      for (const format of DECK_FORMATS) {
        const t = performance.now();
        await convert(join(work, 'src'), cached, themePath, format);
        ctx.log(`slides: ${decks.length} decks to ${format} in ${((performance.now() - t) / 1000).toFixed(1)} s`);
      }
      for (const [deck, markdown] of markdowns) writeFileSync(join(cached, `${deck.name}.md`), markdown);
      writeFileSync(join(cached, 'done'), `${decks.length}\n`);
    } else ctx.log('slides: unchanged, reused the converted decks');

    for (const file of readdirSync(cached)) if (file !== 'done') cpSync(join(cached, file), join(ctx.outDir, file));
    ctx.log(`slides: ${decks.length} decks, ${slideCount} slides, deck stage ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  },
};
