/**
 * Formulas for reading systems without MathML (Kindle, KOReader): each formula becomes a
 * standalone SVG file drawn by MathJax 3 (no browser), shown as an <img> with the TeX as its
 * alt text (the simplest stay as text: see math-text.ts).
 */
import { createHash } from 'node:crypto';
import { mathjax } from 'mathjax-full/js/mathjax.js';
import { TeX } from 'mathjax-full/js/input/tex.js';
import { SVG } from 'mathjax-full/js/output/svg.js';
import { liteAdaptor } from 'mathjax-full/js/adaptors/liteAdaptor.js';
import { RegisterHTMLHandler } from 'mathjax-full/js/handlers/html.js';
import { AllPackages } from 'mathjax-full/js/input/tex/AllPackages.js';
import { escapeHtml } from '../render/markdown.ts';
import type { Formula } from './mathml.ts';

/** Bump when the SVG post-processing changes: it is part of every cached formula's key. */
export const MATH_IMAGE_VERSION = 'mathjax-3.2.2-svg-v1';

/** Path of a formula's image inside the EPUB folder; the same TeX is one file however often it occurs. */
export function mathImagePath(formula: Formula): string {
  const hash = createHash('sha256').update(formula.display ? 'display\0' : 'inline\0').update(formula.tex).digest('hex');
  return `math/${hash.slice(0, 20)}.svg`;
}

export type TexToSvg = (formula: Formula) => string;

let converter: TexToSvg | undefined;

/**
 * The TeX -> SVG converter (one MathJax document per process). Errors throw: MathJax's default
 * is to draw an undefined macro or a TeX error in red, which would ship broken math to readers.
 */
export function texToSvgConverter(): TexToSvg {
  if (converter) return converter;
  const adaptor = liteAdaptor();
  RegisterHTMLHandler(adaptor);
  const tex = new TeX({
    // Without noundefined/noerrors an unknown macro is an error instead of red text.
    packages: AllPackages.filter((p) => p !== 'noundefined' && p !== 'noerrors'),
    formatError: (_jax: unknown, error: Error) => { throw error; },
  });
  const doc = mathjax.document('', { InputJax: tex, OutputJax: new SVG({ fontCache: 'local' }) });
  converter = ({ tex: source, display }) => {
    const container = doc.convert(source, { display });
    const svg = adaptor.firstChild(container) as Parameters<typeof adaptor.outerHTML>[0];
    return standaloneSvg(adaptor.outerHTML(svg));
  };
  return converter;
}

/**
 * MathJax's inline-SVG markup made a file of its own: explicit namespaces, no HTML-only
 * attributes (style, focusable, data-*), ids that do not depend on conversion order, and black
 * ink (an image does not inherit the text colour that `currentColor` means inline).
 */
export function standaloneSvg(svg: string): string {
  // MathJax marks what it could not typeset (and draws it in red) rather than failing.
  if (/data-mml-node="merror"|fill="red"/.test(svg)) throw new Error('MathJax drew an error');
  const body = svg
    .replace(/<svg\b[^>]*>/, (root) => {
      const attr = (name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(root)?.[1];
      const size = ['width', 'height', 'viewBox'].map((n) => (attr(n) ? ` ${n}="${attr(n)}"` : '')).join('');
      return `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"${size}>`;
    })
    .replace(/\sdata-[a-z-]+="[^"]*"/g, '')
    .replace(/\bMJX-\d+-/g, 'MJX-')
    .replace(/currentColor/g, '#000');
  return `<?xml version="1.0" encoding="UTF-8"?>\n${body}\n`;
}

export interface ImageSize {
  /** Em, at the text's font size (MathJax draws 1000 units to the em). */
  readonly width: number;
  readonly height: number;
  /** How far the formula reaches below the baseline, in em. */
  readonly depth: number;
}

export function imageSize(svg: string): ImageSize {
  const viewBox = /<svg[^>]*\sviewBox="([^"]+)"/.exec(svg)?.[1]?.split(/\s+/).map(Number);
  if (!viewBox || viewBox.length !== 4 || viewBox.some((n) => !Number.isFinite(n))) throw new Error('formula SVG without a viewBox');
  const [, minY, width, height] = viewBox as [number, number, number, number];
  return { width: width / 1000, height: height / 1000, depth: (minY + height) / 1000 };
}

const em = (n: number): string => `${Number(n.toFixed(3))}em`;

/** The `<img>` of a formula (display formulas shrink to the screen; inline ones sit on the baseline). */
export function mathImageTag(formula: Formula, src: string, size: ImageSize): string {
  const alt = escapeHtml(formula.tex.replace(/\s+/g, ' ').trim());
  if (formula.display) return `<img class="math-img math-img-block" src="${src}" alt="${alt}" style="width:${em(size.width)}"/>`;
  return `<img class="math-img" src="${src}" alt="${alt}" style="width:${em(size.width)};height:${em(size.height)};vertical-align:${em(-size.depth)}"/>`;
}
