/**
 * Eleventy 3 configuration for the web edition (dist/site/). Run under tsx:
 * `eleventy --config=eleventy.config.ts` (Node 20 cannot import a .ts config by itself).
 * The templates in layouts/site/ lay out data rendered from the Book model; they never read content/.
 */
import { join } from 'node:path';
import { providedSiteData } from './scripts/lib/site/handoff.ts';
import { renderSiteData, type SiteData } from './scripts/lib/site/site-data.ts';
import { relativeUrl } from './scripts/lib/site/urls.ts';
import { loadBook } from './scripts/lib/load/loader.ts';
import { ContentError } from './scripts/lib/diagnostics.ts';
import { resolveBuildDate } from './scripts/lib/build-date.ts';
import { FONTS, KATEX_DIST } from './scripts/lib/assets.ts';

async function loadSiteData(): Promise<SiteData> {
  const provided = providedSiteData();
  if (provided) return provided;
  // BOOK_ROOT points the dev server at another book (e.g. a fixture); content/ lives under it.
  const root = process.env['BOOK_ROOT'] ?? process.cwd();
  const result = await loadBook({ root, date: resolveBuildDate(process.env, root) });
  if (!result.ok) throw new ContentError(result.diagnostics);
  return renderSiteData(result.book);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Eleventy ships no types for its config API
export default function configure(eleventyConfig: any): void {
  eleventyConfig.setInputDirectory('layouts/site');
  eleventyConfig.setIncludesDirectory('_includes');
  eleventyConfig.setTemplateFormats(['njk']);
  eleventyConfig.setQuietMode(true);
  eleventyConfig.addGlobalData('site', loadSiteData);
  eleventyConfig.addFilter('rel', (target: string, pageUrl: string) => relativeUrl(pageUrl === '/' ? 'index.html' : pageUrl, target));
  eleventyConfig.addPassthroughCopy({ 'layouts/site/assets/site.css': 'assets/site.css' });
  eleventyConfig.addPassthroughCopy({ [join(KATEX_DIST, 'katex.min.css')]: 'assets/katex/katex.min.css' });
  eleventyConfig.addPassthroughCopy({ [join(KATEX_DIST, 'fonts')]: 'assets/katex/fonts' });
  for (const font of FONTS) eleventyConfig.addPassthroughCopy({ [font.source]: `assets/fonts/${font.file}` });
  // `npm run dev`: rebuild when content or the pipeline changes.
  eleventyConfig.addWatchTarget('content/');
  eleventyConfig.addWatchTarget('scripts/');
}
