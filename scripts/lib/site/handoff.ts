/**
 * Hands the rendered site data from the build (which has already loaded and validated the book)
 * to eleventy.config.ts, so the site is built from the same Book and content/ is read once.
 * `npm run dev` has no build around it: then the config loads the book itself.
 */
import type { SiteData } from './site-data.ts';

let provided: SiteData | undefined;

export function provideSiteData(data: SiteData | undefined): void {
  provided = data;
}

export function providedSiteData(): SiteData | undefined {
  return provided;
}
