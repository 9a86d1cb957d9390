/** The web edition: Eleventy 3 lays out data rendered from the Book into dist/site/. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fontFaceCss } from '../assets.ts';
import { renderSiteData } from '../site/site-data.ts';
import { provideSiteData } from '../site/handoff.ts';
import type { Target } from './target.ts';

export const siteTarget: Target = {
  name: 'site',
  async build(book, ctx) {
    provideSiteData(renderSiteData(book));
    try {
      // Imported lazily: Eleventy is large and only this target needs it.
      const { Eleventy } = await import('@11ty/eleventy');
      const eleventy = new Eleventy(join(ctx.projectRoot, 'layouts/site'), ctx.outDir, {
        configPath: join(ctx.projectRoot, 'eleventy.config.ts'),
        quietMode: true,
      });
      await eleventy.write();
      mkdirSync(join(ctx.outDir, 'assets'), { recursive: true });
      writeFileSync(join(ctx.outDir, 'assets', 'fonts.css'), fontFaceCss('fonts/'));
    } finally {
      provideSiteData(undefined);
    }
  },
};
