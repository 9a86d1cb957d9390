/**
 * The deck theme as Marp gets it: `slides/theme.css` with the book's fonts and KaTeX's CSS and
 * fonts embedded as data URIs. Embedding is what makes each HTML deck one self-contained file
 * that works offline, and what keeps Marp's PDF and PPTX from falling back to other fonts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FONTS, KATEX_DIST } from '../assets.ts';
import { THEME_NAME } from './marp-markdown.ts';

const dataUri = (path: string, type: string): string => `data:${type};base64,${readFileSync(path).toString('base64')}`;

/** KaTeX's stylesheet with each font reduced to its woff2 file, inlined. */
function katexCss(): string {
  const css = readFileSync(join(KATEX_DIST, 'katex.min.css'), 'utf8');
  return css.replace(/src:url\(fonts\/([\w-]+)\.woff2\) format\("woff2"\)(?:,url\([^)]*\) format\("[^"]*"\))*/g, (_m, name: string) =>
    `src:url(${dataUri(join(KATEX_DIST, 'fonts', `${name}.woff2`), 'font/woff2')}) format("woff2")`);
}

export function buildThemeCss(projectRoot: string): string {
  const fonts = FONTS.map((f) =>
    `@font-face { font-family: "${f.family}"; font-style: ${f.style}; font-weight: ${f.weight}; src: url(${dataUri(f.source, 'font/woff2')}) format("woff2"); }`).join('\n');
  const katex = katexCss();
  if (/url\(fonts\//.test(katex)) throw new Error('katex.min.css has a font URL this build does not embed: update scripts/lib/slides/theme.ts');
  return `/* @theme ${THEME_NAME} */\n${fonts}\n${katex}\n${readFileSync(join(projectRoot, 'slides/theme.css'), 'utf8')}`;
}
