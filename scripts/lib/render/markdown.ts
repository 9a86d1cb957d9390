/**
 * The one markdown-it configuration of the book. The loader parses with it (to validate headings,
 * fences, math and cross-references at their source lines) and the renderers render with it.
 * What varies per output (math as HTML+MathML or MathML only, where a cross-reference points,
 * how a figure is wrapped) comes in through the render environment, so one instance serves all.
 */
import MarkdownIt from 'markdown-it';
import type { Token } from 'markdown-it';
import markdownItKatexModule from '@vscode/markdown-it-katex';
import hljs from 'highlight.js/lib/common';
import type { Diagram } from '../model.ts';
import { renderTex, type MathOutput } from './math.ts';
import { parseFenceInfo } from './fence-info.ts';

export interface RenderEnv {
  readonly math: MathOutput;
  /** Href and label for `[[ID]]`; undefined for an unknown id (the loader reports those). */
  readonly xref: (id: string) => { href: string; label: string; title: string } | undefined;
  /** The diagram with this id (already rendered to SVG). */
  readonly diagram: (id: string) => Diagram | undefined;
  /** How a figure is wrapped; defaults to `renderFigure`. */
  readonly figure?: (diagram: Diagram) => string;
  /** HTML placed right after a cross-reference link (print: its page number). */
  readonly xrefSuffix?: (id: string) => string;
}

export const XREF_PATTERN = /^\[\[([TSCMDP]\d{2})\]\]/;

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** `<figure>` with the diagram id, the SVG and a numbered caption. */
export function renderFigure(diagram: Diagram): string {
  return (
    `<figure class="diagram" id="${escapeHtml(diagram.id)}">\n${diagram.svg}\n` +
    `<figcaption><span class="figure-number">Figure ${diagram.itemId}.${diagram.number}</span> ${escapeHtml(diagram.caption)}</figcaption>\n</figure>\n`
  );
}

function xrefRule(state: { src: string; pos: number; push: (type: string, tag: string, nesting: -1 | 0 | 1) => Token }, silent: boolean): boolean {
  const match = XREF_PATTERN.exec(state.src.slice(state.pos));
  if (!match) return false;
  if (!silent) {
    const token = state.push('xref', '', 0);
    token.meta = { id: match[1] };
    token.markup = match[0];
  }
  state.pos += match[0].length;
  return true;
}

function highlight(code: string, lang: string): string {
  if (lang && hljs.getLanguage(lang)) return hljs.highlight(code, { language: lang, ignoreIllegals: true }).value;
  return escapeHtml(code);
}

export function createMarkdown(): MarkdownIt {
  const md = new MarkdownIt({ html: false, linkify: false, typographer: false });
  // The package is CommonJS with `exports.default`; under ESM interop the function sits one level down.
  const katexPlugin = ((markdownItKatexModule as unknown as { default?: unknown }).default ?? markdownItKatexModule) as (md: MarkdownIt) => void;
  md.use(katexPlugin);
  md.inline.ruler.before('link', 'xref', xrefRule as never);

  const renderMath = (displayMode: boolean) => (tokens: Token[], idx: number, _o: unknown, env: RenderEnv) => {
    const html = renderTex(tokens[idx]!.content, displayMode, env.math);
    return displayMode ? `<div class="math-display">${html}</div>\n` : html;
  };
  md.renderer.rules['math_inline'] = renderMath(false) as never;
  md.renderer.rules['math_inline_block'] = renderMath(true) as never;
  md.renderer.rules['math_inline_bare_block'] = renderMath(true) as never;
  md.renderer.rules['math_block'] = renderMath(true) as never;

  md.renderer.rules['xref'] = ((tokens: Token[], idx: number, _o: unknown, env: RenderEnv) => {
    const id = (tokens[idx]!.meta as { id: string }).id;
    const target = env.xref(id);
    if (!target) return escapeHtml(tokens[idx]!.markup);
    return `<a class="xref" href="${escapeHtml(target.href)}" data-xref="${id}" title="${escapeHtml(target.title)}">${escapeHtml(target.label)}</a>${env.xrefSuffix?.(id) ?? ''}`;
  }) as never;

  md.renderer.rules.fence = ((tokens: Token[], idx: number, _o: unknown, env: RenderEnv) => {
    const token = tokens[idx]!;
    const info = parseFenceInfo(token.info);
    if (info.lang === 'dot' && info.id) {
      const diagram = env.diagram(info.id);
      if (diagram) return (env.figure ?? renderFigure)(diagram);
    }
    const lang = info.lang || 'text';
    return `<pre class="code" data-lang="${escapeHtml(lang)}"><code class="hljs language-${escapeHtml(lang)}">${highlight(token.content, lang)}</code></pre>\n`;
  }) as never;

  // Tables scroll on narrow screens instead of breaking the page layout.
  md.renderer.rules.table_open = () => '<div class="table-wrap"><table>\n';
  md.renderer.rules.table_close = () => '</table></div>\n';
  return md;
}

/** Renders a code file (e.g. solution.py) the same way as a fenced block. */
export function renderCode(code: string, lang: string): string {
  return `<pre class="code" data-lang="${escapeHtml(lang)}"><code class="hljs language-${escapeHtml(lang)}">${highlight(code, lang)}</code></pre>\n`;
}
