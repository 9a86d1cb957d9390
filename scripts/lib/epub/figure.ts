/**
 * A diagram as an EPUB figure: the Book's sanitized Graphviz SVG inline, with a title, a text
 * description of its boxes and arrows (what a reader who cannot see it needs), and a numbered
 * caption. Several diagrams can share one XHTML file, so Graphviz's own ids (graph0, node1, …)
 * get the diagram id as a prefix: duplicate ids are invalid in a content document.
 */
import type { Diagram } from '../model.ts';
import { escapeHtml } from '../render/markdown.ts';

/** Decodes the few entities Graphviz writes into SVG text. */
function decodeSvgText(s: string): string {
  return s
    .replace(/&#(\d+);/g, (_m, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_m, n: string) => String.fromCodePoint(parseInt(n, 16)))
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}

interface Shape {
  readonly kind: 'node' | 'edge' | 'cluster';
  readonly name: string;
  readonly label: string;
}

/** The nodes, edges and clusters Graphviz drew, with their visible labels, in drawing order. */
function readShapes(svg: string): Shape[] {
  const shapes: Shape[] = [];
  for (const m of svg.matchAll(/<g id="[^"]*" class="(node|edge|cluster)">\s*<title>([^<]*)<\/title>([\s\S]*?)<\/g>/g)) {
    const label = [...m[3]!.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((t) => decodeSvgText(t[1]!).trim()).filter(Boolean).join(' ');
    shapes.push({ kind: m[1] as Shape['kind'], name: decodeSvgText(m[2]!), label });
  }
  return shapes;
}

/**
 * A long description in words: "Boxes: A; B. Arrows: A → B (label); …". Read from the drawn SVG,
 * so it names what the figure shows, with the labels a sighted reader sees.
 */
export function describeDiagram(diagram: Diagram): string {
  const shapes = readShapes(diagram.svg);
  const labelOf = new Map(shapes.filter((s) => s.kind === 'node').map((s) => [s.name, s.label || s.name]));
  const nodes = shapes.filter((s) => s.kind === 'node').map((s) => labelOf.get(s.name)!);
  const groups = shapes.filter((s) => s.kind === 'cluster' && s.label).map((s) => s.label);
  const edges = shapes.filter((s) => s.kind === 'edge').map((s) => {
    const [from, to] = s.name.split(/->|--/).map((n) => labelOf.get(n.trim()) ?? n.trim());
    const arrow = s.name.includes('->') ? '→' : '—';
    return `${from} ${arrow} ${to}${s.label ? ` (${s.label})` : ''}`;
  });
  const sentences = [`Diagram: ${diagram.caption}.`];
  if (groups.length) sentences.push(`Groups: ${groups.join('; ')}.`);
  if (nodes.length) sentences.push(`Boxes: ${nodes.join('; ')}.`);
  if (edges.length) sentences.push(`Arrows: ${edges.join('; ')}.`);
  return sentences.join(' ');
}

/** The figure label everywhere: "Figure D01.2". */
export const figureLabel = (diagram: Diagram): string => `Figure ${diagram.itemId}.${diagram.number}`;

/** The diagram's SVG made fit for an XHTML content document (ids prefixed, title and desc added). */
export function epubSvg(diagram: Diagram): string {
  const prefix = `${diagram.id}-`;
  const titleId = `${prefix}svg-title`;
  const descId = `${prefix}svg-desc`;
  let svg = diagram.svg.replace(/\sid="(?!svg-)([^"]+)"/g, (_m, id: string) => ` id="${prefix}${id}"`);
  svg = svg.replace(/<svg\b([^>]*)>/, (_m, attrs: string) =>
    `<svg${attrs.replace(/\saria-(labelledby|describedby)="[^"]*"/g, '')} aria-describedby="${descId}">` +
    `\n<title id="${titleId}">${escapeHtml(`${figureLabel(diagram)}. ${diagram.caption}`)}</title>` +
    `\n<desc id="${descId}">${escapeHtml(describeDiagram(diagram))}</desc>`);
  return svg;
}

/** `<figure>` around the inline SVG, with the numbered caption. */
export function epubFigure(diagram: Diagram): string {
  return `<figure class="diagram" id="${escapeHtml(diagram.id)}">\n<div class="diagram-art">${epubSvg(diagram)}</div>\n` +
    `<figcaption><span class="figure-number">${figureLabel(diagram)}.</span> ${escapeHtml(diagram.caption)}</figcaption>\n</figure>\n`;
}
