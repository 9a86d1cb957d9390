/**
 * Diagrams laid out for a 16:9 slide. Most of the book's diagrams flow top to bottom, which
 * suits a page but leaves a tall, tiny picture on a wide slide; the same graph laid out left to
 * right is often far larger there. Both layouts are tried and the one that fills the slide's
 * diagram area at the larger scale wins, so each slide shows the item's own diagram, only turned.
 */
import type { Diagram } from '../model.ts';
import { compileDot, sanitizeSvg, type DotRenderer } from '../render/diagrams.ts';

/** The area below a slide's caption heading, in CSS pixels. */
export const DIAGRAM_BOX = { width: 1136, height: 500 } as const;

/** Size of a Graphviz SVG in points (its width/height attributes). */
export function svgSize(svg: string): { width: number; height: number } | undefined {
  const w = /<svg\b[^>]*\bwidth="([\d.]+)pt"/.exec(svg);
  const h = /<svg\b[^>]*\bheight="([\d.]+)pt"/.exec(svg);
  return w && h ? { width: Number(w[1]), height: Number(h[1]) } : undefined;
}

/** Scale at which a picture of this size fits the box (points drawn as CSS pixels at 4/3). */
export function fitScale(size: { width: number; height: number }): number {
  return Math.min(DIAGRAM_BOX.width / (size.width * 4 / 3), DIAGRAM_BOX.height / (size.height * 4 / 3));
}

/** The dot source with its main direction turned to left-to-right. */
export function turnLeftToRight(dot: string): string {
  if (/\brankdir\s*=\s*"?(LR|RL)"?/i.test(dot)) return dot;
  if (/\brankdir\s*=\s*"?(TB|BT)"?/i.test(dot)) return dot.replace(/\brankdir\s*=\s*"?(TB|BT)"?/i, 'rankdir=LR');
  return dot.replace('{', '{\n  rankdir=LR;');
}

/** The diagram with whichever layout fits a slide better. */
export function layoutForSlide(diagram: Diagram, render: DotRenderer): Diagram {
  const size = svgSize(diagram.svg);
  if (!size || size.width >= size.height) return diagram;
  const turned = compileDot(render, turnLeftToRight(diagram.dot));
  if (!('svg' in turned)) return diagram;
  const turnedSize = svgSize(turned.svg);
  if (!turnedSize || fitScale(turnedSize) <= fitScale(size) * 1.15) return diagram;
  return { ...diagram, svg: sanitizeSvg(turned.svg, diagram.id, diagram.caption) };
}
