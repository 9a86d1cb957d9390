/**
 * The cover as a PNG, drawn by the build's Chromium from the same SVG as the PDF's first page,
 * with the book's fonts. Reading systems show a raster cover in their libraries far more
 * reliably than an SVG one (Kobo and Kindle's converter ignore SVG covers), so the EPUB's
 * cover-image is this PNG. Nothing is loaded: fonts come as data URLs, other requests fail.
 */
import type { Browser } from 'puppeteer-core';
import { readFileSync } from 'node:fs';
import { blockRemoteRequests } from '../browser.ts';
import type { FontFile } from '../assets.ts';

export const COVER_SIZE = { width: 1600, height: 2400 } as const;

function fontFacesAsData(fonts: readonly FontFile[]): string {
  return fonts.map((f) => {
    const data = readFileSync(f.source).toString('base64');
    return `@font-face { font-family: "${f.family}"; font-style: ${f.style}; font-weight: ${f.weight}; src: url(data:font/woff2;base64,${data}) format("woff2"); }`;
  }).join('\n');
}

/**
 * Quotes each family of an SVG font-family attribute. Unquoted, `Source Serif 4` is not a valid
 * family name (an identifier cannot start with a digit), so the whole list is dropped and the
 * text falls back to the browser's default serif.
 */
export function quoteFontFamilies(svg: string): string {
  return svg.replace(/font-family="([^"]*)"/g, (_m, list: string) => {
    const families = list.split(',').map((f) => f.trim().replace(/^['"]|['"]$/g, ''));
    const quoted = families.map((f) => (/^(serif|sans-serif|monospace)$/.test(f) ? f : `'${f}'`));
    return `font-family="${quoted.join(', ')}"`;
  });
}

export async function rasterizeCover(browser: Browser, svg: string, fonts: readonly FontFile[]): Promise<Buffer> {
  const page = await browser.newPage();
  try {
    await blockRemoteRequests(page, 'http://offline.invalid');
    await page.setViewport({ ...COVER_SIZE, deviceScaleFactor: 1 });
    await page.setContent(
      `<!DOCTYPE html><html><head><meta charset="utf-8"><style>${fontFacesAsData(fonts)}
html, body { margin: 0; padding: 0; background: #13294b; } svg { display: block; width: ${COVER_SIZE.width}px; height: ${COVER_SIZE.height}px; }</style></head>
<body>${quoteFontFamilies(svg)}</body></html>`,
      { waitUntil: 'load' },
    );
    // The SVG's text must be drawn in the book's fonts, not a fallback.
    await page.evaluate('document.fonts.ready.then(() => Promise.all([...document.fonts].map((f) => f.load())))');
    const png = await page.screenshot({ type: 'png', clip: { x: 0, y: 0, ...COVER_SIZE }, omitBackground: false });
    return Buffer.from(png);
  } finally {
    await page.close();
  }
}
