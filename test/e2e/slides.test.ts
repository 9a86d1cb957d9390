/**
 * The slide decks as presenters get them: every deck in HTML, PDF and PPTX; each deck carries
 * its item's title, section headings and diagrams; nothing loads from the network; and in the
 * browser no slide's content runs past its frame.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'puppeteer-core';
import { loadBook } from '../../scripts/lib/load/loader.ts';
import type { Item } from '../../scripts/lib/model.ts';
import { DECK_FORMATS, DECK_SECTIONS } from '../../scripts/lib/targets/slides.ts';
import { MEASURE_SLIDES, type SlideMeasure } from '../../scripts/lib/slides/measure.ts';
import { blockRemoteRequests, closeBrowser, getBrowser } from '../../scripts/lib/browser.ts';
import { serveFolder, type StaticServer } from '../../scripts/lib/static-server.ts';
import { PROJECT_ROOT } from '../helpers/fixture.ts';
import { readZip } from '../helpers/zip.ts';

const SLIDES = join(PROJECT_ROOT, 'dist/slides');
const squash = (s: string) => s.replace(/\u00ad/g, '').replace(/-\s*\n\s*/g, '').replace(/[\s\u200b]+/g, ' ').toLowerCase();
const decode = (s: string) => s.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'");

let items: Item[];
let browser: Browser;
let server: StaticServer;

beforeAll(async () => {
  const run = spawnSync('npm', ['run', 'build', '--', 'slides', '--skip-python'], { cwd: PROJECT_ROOT, encoding: 'utf8' });
  expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
  const loaded = await loadBook({ root: PROJECT_ROOT, date: new Date(0) });
  if (!loaded.ok) throw new Error('content does not load');
  items = loaded.book.items.filter((i) => (DECK_SECTIONS as readonly string[]).includes(i.section));
  browser = await getBrowser();
  server = await serveFolder(SLIDES);
});

afterAll(async () => {
  await server?.close();
  await closeBrowser();
});

const file = (item: Item, ext: string) => join(SLIDES, `${item.id}-${item.slug}.${ext}`);

describe('slide decks', () => {
  it('exist for every paper, system design and model design in HTML, PDF and PPTX', () => {
    expect(items.map((i) => i.id[0]).sort().join('')).toBe(`${'D'.repeat(8)}${'M'.repeat(12)}${'P'.repeat(5)}`);
    for (const item of items) {
      for (const ext of DECK_FORMATS) expect(existsSync(file(item, ext)) && statSync(file(item, ext)).size > 10_000, `${item.id}.${ext}`).toBe(true);
    }
  });

  it('HTML decks hold their item title and every diagram id, and reference nothing remote', () => {
    for (const item of items) {
      const html = readFileSync(file(item, 'html'), 'utf8');
      expect(decode(html), item.id).toContain(item.title);
      for (const d of item.diagrams) expect(html, `${item.id} ${d.id}`).toContain(`id="${d.id}"`);
      // Anything a browser would fetch: src/href attributes, CSS url() and @import.
      expect(html.match(/(?:src|href)\s*=\s*["']?(?:https?:)?\/\/[^"'\s>]+|url\(\s*["']?(?:https?:)?\/\/[^)]+\)|@import\s+[^;]*\/\//gi) ?? [], item.id).toEqual([]);
    }
  });

  it('PDF decks have the title and every section heading of their item, one page per slide', () => {
    for (const item of items) {
      const text = squash(execFileSync('pdftotext', ['-enc', 'UTF-8', file(item, 'pdf'), '-'], { encoding: 'utf8' }));
      expect(text, item.id).toContain(squash(item.title));
      for (const part of item.parts) expect(text, `${item.id}: ${part.heading}`).toContain(squash(part.heading));
      const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file(item, 'pdf')], { encoding: 'utf8' }))![1]);
      const slides = (readFileSync(file(item, 'html'), 'utf8').match(/<svg data-marpit-svg/g) ?? []).length;
      expect(pages, item.id).toBe(slides);
      expect(execFileSync('pdfinfo', [file(item, 'pdf')], { encoding: 'utf8' }), item.id).toMatch(/Page size:\s+960 x 540 pts/);
    }
  });

  it('PPTX decks are PowerPoint packages with one slide per slide of the deck', () => {
    for (const item of items) {
      const entries = readZip(readFileSync(file(item, 'pptx')));
      const names = entries.map((e) => e.name);
      const slides = (readFileSync(file(item, 'html'), 'utf8').match(/<svg data-marpit-svg/g) ?? []).length;
      expect(names, item.id).toContain('[Content_Types].xml');
      expect(names.filter((n) => /^ppt\/slides\/slide\d+\.xml$/.test(n)), item.id).toHaveLength(slides);
      // The presenter notes travel with the slides: the closing slide's notes hold the answers.
      const notes = entries.filter((e) => /^ppt\/notesSlides\/notesSlide\d+\.xml$/.test(e.name)).map((e) => e.data.toString('utf8')).join(' ');
      const question = item.parts.find((p) => p.heading === 'Questions to expect' || p.heading === 'Follow-ups')!;
      const answerWords = /\*\*[^*]+\*\*\s*([A-Za-z][A-Za-z ]{12,40})/.exec(question.markdown)![1]!.trim();
      expect(notes, `${item.id} notes`).toContain(answerWords);
    }
  });

  it('in the browser, no slide is taller or wider than its frame and no request leaves the machine', async () => {
    const page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 720 });
    const blocked = await blockRemoteRequests(page, server.origin);
    const problems: string[] = [];
    let measured = 0;
    for (const item of items) {
      await page.goto(`${server.origin}/${item.id}-${item.slug}.html`, { waitUntil: 'load' });
      await page.evaluate('document.fonts.ready');
      const slides = (await page.evaluate(MEASURE_SLIDES)) as SlideMeasure[];
      measured += slides.length;
      for (const s of slides) if (s.overflowX > 0 || s.overflowY > 0) problems.push(`${item.id} slide ${s.index + 1} "${s.heading}": ${s.overflowX}px wide, ${s.overflowY}px tall`);
    }
    await page.close();
    expect(measured).toBeGreaterThan(items.length * 8);
    expect(problems).toEqual([]);
    expect(blocked).toEqual([]);
  });
});
