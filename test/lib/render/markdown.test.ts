import { describe, expect, it } from 'vitest';
import { createMarkdown, renderFigure, type RenderEnv } from '../../../scripts/lib/render/markdown.ts';
import { checkTex, renderTex } from '../../../scripts/lib/render/math.ts';
import { parseFenceInfo } from '../../../scripts/lib/render/fence-info.ts';
import { compileDot, loadDotRenderer, sanitizeSvg } from '../../../scripts/lib/render/diagrams.ts';
import type { Diagram } from '../../../scripts/lib/model.ts';

const diagram: Diagram = { id: 'T01-x', itemId: 'T01', caption: 'A <small> flow', number: 2, dot: 'digraph{a->b}', svg: '<svg role="img"></svg>' };
const env = (math: RenderEnv['math']): RenderEnv => ({
  math,
  xref: (id) => (id === 'T07' ? { href: '../theory/t07-l1.html', label: 'T07 Why L1?', title: 'Why L1?' } : undefined),
  diagram: (id) => (id === diagram.id ? diagram : undefined),
});

describe('markdown rendering', () => {
  const md = createMarkdown();

  it('renders inline and display math as KaTeX HTML with MathML for web and print', () => {
    const html = md.render('Loss $\\frac{1}{n}\\sum_i x_i$ and\n\n$$\nE = mc^2\n$$\n', env('htmlAndMathml'));
    expect(html).toContain('class="katex"');
    expect(html).toContain('<math');
    expect(html).toContain('class="katex-html"');
    expect(html).toContain('<div class="math-display"><span class="katex-display">');
  });

  it('renders MathML alone for EPUB', () => {
    const html = md.render('Loss $x^2$.', env('mathml'));
    expect(html).toContain('<math');
    expect(html).not.toContain('katex-html');
  });

  it('throws on invalid TeX instead of printing it', () => {
    expect(() => md.render('Bad $\\frac{1}{$ here', env('htmlAndMathml'))).toThrow(/KaTeX parse error/);
    expect(() => renderTex('\\notacommand', false)).toThrow();
    expect(checkTex('\\frac{a}{b}', false)).toBeUndefined();
    expect(checkTex('\\frac{a}{', false)).toMatch(/expected '}'/);
  });

  it('keeps an escaped dollar sign as text', () => {
    expect(md.render('It costs \\$5 and \\$7.', env('htmlAndMathml'))).toBe('<p>It costs $5 and $7.</p>\n');
  });

  it('renders [[ID]] as a link with id and title, and leaves unknown ids as text', () => {
    const html = md.render('See [[T07]] and [[T99]].', env('htmlAndMathml'));
    expect(html).toBe('<p>See <a class="xref" href="../theory/t07-l1.html" data-xref="T07" title="Why L1?">T07 Why L1?</a> and [[T99]].</p>\n');
  });

  it('replaces a dot fence by its figure and highlights code at build time', () => {
    const html = md.render('```dot {#T01-x caption="A flow"}\ndigraph{a->b}\n```\n\n```python\nx = 1\n```\n', env('htmlAndMathml'));
    expect(html).toContain('<figure class="diagram" id="T01-x">');
    expect(html).toContain('<span class="figure-number">Figure T01.2</span> A &lt;small&gt; flow');
    expect(html).toContain('<pre class="code" data-lang="python"><code class="hljs language-python">x = <span class="hljs-number">1</span>');
    expect(renderFigure(diagram)).toContain('<figcaption>');
  });

  it('does not pass raw HTML through', () => {
    expect(md.render('<script>alert(1)</script>', env('htmlAndMathml'))).not.toContain('<script>');
  });
});

describe('fence info', () => {
  it('reads language, id and caption', () => {
    expect(parseFenceInfo('dot {#D03-serving caption="Online path: A \\"quoted\\" word"}')).toEqual({ lang: 'dot', id: 'D03-serving', caption: 'Online path: A "quoted" word' });
    expect(parseFenceInfo('python')).toEqual({ lang: 'python' });
    expect(parseFenceInfo('dot {#a caption="b" extra}')).toEqual({ lang: 'dot', id: 'a', caption: 'b', unparsed: 'extra' });
  });
});

describe('diagrams', async () => {
  const render = await loadDotRenderer();

  it('compiles dot to SVG and sanitizes it for inline HTML and XHTML', () => {
    const result = compileDot(render, 'digraph G { a -> b; }');
    if (!('svg' in result)) throw new Error(result.error.message);
    expect(result.svg).toMatch(/<\?xml|<!DOCTYPE/);
    const svg = sanitizeSvg(result.svg, 'T01-x', 'A "flow" & more');
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).not.toMatch(/<\?xml|<!DOCTYPE|<!--|foreignObject/);
    expect(svg).toContain('role="img" aria-label="A &quot;flow&quot; &amp; more"');
    expect(svg).toContain('<title>A &quot;flow&quot; &amp; more</title>');
  });

  it('strips foreignObject', () => {
    expect(sanitizeSvg('<svg width="1"><foreignObject><div>x</div></foreignObject><g/></svg>', 'a', 'b')).toBe('<svg width="1" id="svg-a" role="img" aria-label="b"><g/></svg>');
  });

  it('reports the line of a syntax error', () => {
    const result = compileDot(render, 'digraph {\n a -> b;\n c -> ;\n}');
    expect(result).toEqual({ error: { message: "syntax error in line 3 near ';'", line: 3 } });
  });
});
