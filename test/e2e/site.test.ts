/**
 * End to end: `npm run build` on the real book gives dist/site/ with every item (id and title)
 * and every diagram (by id) on its page, only local links, and no remote URL anywhere.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { spawnSync } from 'node:child_process';
import { loadBook } from '../../scripts/lib/load/loader.ts';
import { itemUrl, guideUrl } from '../../scripts/lib/site/urls.ts';
import type { Book } from '../../scripts/lib/model.ts';
import { PROJECT_ROOT } from '../helpers/fixture.ts';

const SITE = join(PROJECT_ROOT, 'dist', 'site');

/** HTML escaping as both the renderer and Nunjucks' autoescape produce it (the latter also escapes '). */
const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
/** Reads a page with ' unescaped, so text from either escaper compares equal. */
const readPage = (path: string) => readFileSync(path, 'utf8').replace(/&#39;/g, "'");
const esc = (s: string) => escapeHtml(s).replace(/&#39;/g, "'");

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

let book: Book;

beforeAll(async () => {
  const run = spawnSync('npm', ['run', 'build', '--', 'site'], { cwd: PROJECT_ROOT, encoding: 'utf8' });
  expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
  const loaded = await loadBook({ root: PROJECT_ROOT, date: new Date(0) });
  if (!loaded.ok) throw new Error('content does not load');
  book = loaded.book;
});

describe('dist/site', () => {
  it('has a page for every item with its id, title and every diagram', () => {
    expect(book.items.length).toBeGreaterThan(0);
    for (const item of book.items) {
      const page = join(SITE, itemUrl(item));
      expect(existsSync(page), `${item.id}: ${page}`).toBe(true);
      const html = readPage(page);
      expect(html, item.id).toContain(`<span class="item-id">${item.id}</span> ${esc(item.title)}</h1>`);
      for (const part of item.parts) expect(html, `${item.id} ${part.heading}`).toContain(`>${esc(part.heading)}</h2>`);
      for (const diagram of item.diagrams) {
        expect(html, `${item.id} lacks diagram ${diagram.id}`).toContain(`<figure class="diagram" id="${diagram.id}">`);
        expect(html).toContain(`aria-label="${esc(diagram.caption)}"`);
      }
      if (item.solution) expect(html).toContain('<h3 id="solution"');
    }
  });

  it('lists every item on its section page and every section and guide on the home page', () => {
    const home = readPage(join(SITE, 'index.html'));
    for (const section of book.sections) {
      expect(home).toContain(`href="${section.key}/index.html"`);
      const page = readPage(join(SITE, section.key, 'index.html'));
      for (const item of section.items) expect(page).toContain(`<td class="id">${item.id}</td><td><a href="${itemUrl(item).split('/')[1]}">${esc(item.title)}</a>`);
    }
    for (const guide of book.guides) {
      expect(home).toContain(`href="${guideUrl(guide)}"`);
      expect(readPage(join(SITE, guideUrl(guide)))).toContain(`<h1>${esc(guide.title)}</h1>`);
    }
  });

  it('links only to files that exist in dist/site', () => {
    const broken: string[] = [];
    for (const file of walk(SITE).filter((f) => f.endsWith('.html') || f.endsWith('.css'))) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/(?:href|src)="([^"#]+)(?:#[^"]*)?"|url\("?([^")]+)"?\)/g)) {
        const target = m[1] ?? m[2]!;
        if (/^(data:|mailto:)/.test(target)) continue;
        if (!existsSync(join(dirname(file), target.split('?')[0]!))) broken.push(`${relative(SITE, file)} -> ${target}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('has no remote URL anywhere (fonts and KaTeX are local)', () => {
    const remote: string[] = [];
    for (const file of walk(SITE)) {
      if (/\.(woff2?|ttf)$/.test(file)) continue;
      const text = readFileSync(file, 'utf8')
        // XML namespace names are identifiers, not addresses that anything fetches.
        .replace(/xmlns(:\w+)?="http:\/\/www\.w3\.org\/[^"]*"/g, '');
      for (const m of text.matchAll(/(?:https?:)?\/\/[a-z0-9.-]+\.[a-z]{2,}[^\s"')]*/gi)) remote.push(`${relative(SITE, file)}: ${m[0]}`);
    }
    expect(remote).toEqual([]);
    expect(existsSync(join(SITE, 'assets/katex/katex.min.css'))).toBe(true);
    expect(readdirSync(join(SITE, 'assets/katex/fonts')).filter((f) => f.endsWith('.woff2')).length).toBeGreaterThan(10);
    expect(readdirSync(join(SITE, 'assets/fonts')).length).toBeGreaterThanOrEqual(9);
  });
});
