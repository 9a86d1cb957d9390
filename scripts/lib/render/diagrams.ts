/**
 * Graphviz `dot` -> static, sanitized SVG, in-process through the WASM build (no `dot` binary,
 * no browser). The SVG goes inline into HTML and XHTML (EPUB), so it must carry no XML prolog,
 * DOCTYPE or foreignObject, and it announces itself to assistive technology as one image.
 */
import { Graphviz } from '@hpcc-js/wasm-graphviz';

export type DotRenderer = (dot: string) => string;

let loading: Promise<DotRenderer> | undefined;

/** Loads the WASM module once per process (≈150 ms) and returns a synchronous renderer. */
export function loadDotRenderer(): Promise<DotRenderer> {
  loading ??= Graphviz.load().then((gv) => (dot: string) => gv.dot(dot, 'svg'));
  return loading;
}

export interface DotError {
  readonly message: string;
  /** 1-based line inside the dot source, when Graphviz names one. */
  readonly line?: number;
}

/** Renders or returns the Graphviz error. */
export function compileDot(render: DotRenderer, dot: string): { svg: string } | { error: DotError } {
  try {
    const svg = render(dot);
    if (!/<svg[\s>]/.test(svg)) return { error: { message: 'Graphviz produced no SVG' } };
    return { svg };
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error)).trim();
    const line = /line (\d+)/.exec(message);
    return { error: { message: message.split('\n')[0] ?? message, ...(line ? { line: Number(line[1]) } : {}) } };
  }
}

const escapeAttr = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * Strips what must not be inline (prolog, DOCTYPE, comments, foreignObject), sets role/aria-label
 * and an id on the root, and replaces Graphviz's generic `<title>` of the graph with the caption.
 */
export function sanitizeSvg(svg: string, id: string, caption: string): string {
  let out = svg
    .replace(/<\?xml[^>]*\?>/g, '')
    .replace(/<!DOCTYPE[^>]*>/gi, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<foreignObject[\s\S]*?<\/foreignObject>/g, '')
    .trim();
  out = out.replace(/<svg\b([^>]*)>/, (_m, attrs: string) => {
    const kept = attrs.replace(/\s(role|aria-label|id)="[^"]*"/g, '');
    return `<svg${kept} id="svg-${escapeAttr(id)}" role="img" aria-label="${escapeAttr(caption)}">`;
  });
  // The graph-level <title> is the dot graph name (often "G" or "%3"): replace it with the caption.
  out = out.replace(/(<g id="graph0"[^>]*>\s*)<title>[^<]*<\/title>/, `$1<title>${escapeAttr(caption)}</title>`);
  return out;
}
