/**
 * The deck theme as Marp gets it: `slides/theme.css` with the book's fonts and KaTeX's CSS and
 * fonts embedded as data URIs. Embedding is what makes each HTML deck one self-contained file
 * that works offline, and what keeps Marp's PDF and PPTX from falling back to other fonts.
 */
import { copyFileSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FONTS, KATEX_DIST } from '../assets.ts';
import { THEME_NAME } from './marp-markdown.ts';

const dataUri = (path: string, type: string): string => `data:${type};base64,${readFileSync(path).toString('base64')}`;

/** KaTeX's stylesheet with each font reduced to its woff2 file, inlined or at `fontsAt`. */
function katexCss(fontsAt?: string): string {
  const css = readFileSync(join(KATEX_DIST, 'katex.min.css'), 'utf8');
  return css.replace(/src:url\(fonts\/([\w-]+)\.woff2\) format\("woff2"\)(?:,url\([^)]*\) format\("[^"]*"\))*/g, (_m, name: string) =>
    `src:url(${fontsAt ? `${fontsAt}katex/${name}.woff2` : dataUri(join(KATEX_DIST, 'fonts', `${name}.woff2`), 'font/woff2')}) format("woff2")`);
}

/**
 * The theme with every font inlined, or, for the fitter's repeated measuring, loaded from
 * `fontsAt` (a loopback URL where `stageThemeFonts` put them), so the browser decodes each once.
 */
export function buildThemeCss(projectRoot: string, fontsAt?: string): string {
  const fonts = FONTS.map((f) =>
    `@font-face { font-family: "${f.family}"; font-style: ${f.style}; font-weight: ${f.weight}; src: url(${fontsAt ? `${fontsAt}${f.file}` : dataUri(f.source, 'font/woff2')}) format("woff2"); }`).join('\n');
  const katex = katexCss(fontsAt);
  if (/url\(fonts\//.test(katex)) throw new Error('katex.min.css has a font URL this build does not embed: update scripts/lib/slides/theme.ts');
  return `/* @theme ${THEME_NAME} */\n${fonts}\n${katex}\n${readFileSync(join(projectRoot, 'slides/theme.css'), 'utf8')}`;
}

/** Copies the theme's font files into `folder` (and `folder/katex/`) for `buildThemeCss(root, url)`. */
export function stageThemeFonts(folder: string): void {
  mkdirSync(join(folder, 'katex'), { recursive: true });
  for (const f of FONTS) copyFileSync(f.source, join(folder, f.file));
  for (const file of readdirSync(join(KATEX_DIST, 'fonts'))) {
    if (file.endsWith('.woff2')) copyFileSync(join(KATEX_DIST, 'fonts', file), join(folder, 'katex', file));
  }
}
