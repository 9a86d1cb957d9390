/**
 * Formulas for the EPUB: KaTeX's MathML made valid and named, formulas set as text where they are
 * simple, and MathJax SVG files for the Kindle edition.
 */
import { describe, expect, it } from 'vitest';
import { renderTex } from '../../../scripts/lib/render/math.ts';
import { finishMathml, findFormulas, replaceFormulas } from '../../../scripts/lib/epub/mathml.ts';
import { simpleMathText } from '../../../scripts/lib/epub/math-text.ts';
import { imageSize, mathImagePath, mathImageTag, standaloneSvg, texToSvgConverter } from '../../../scripts/lib/epub/math-images.ts';
import { nameTableHeaders } from '../../../scripts/lib/epub/tables.ts';
import { allElements, parseXml } from '../../helpers/xml.ts';

const mathml = (tex: string, display = false) => renderTex(tex, display, 'mathml');
const wrap = (html: string) => `<p xmlns="http://www.w3.org/1999/xhtml">${html}</p>`;

describe('KaTeX MathML for EPUB', () => {
  it('finds each formula with its TeX and display mode', () => {
    expect(findFormulas(`a ${mathml('x < y')} b ${mathml('\\frac{1}{2}', true)}`)).toEqual([
      { tex: 'x < y', display: false }, { tex: '\\frac{1}{2}', display: true },
    ]);
    expect(replaceFormulas(`a ${mathml('x')} b`, (f) => `[${f.tex}]`)).toBe('a [x] b');
  });

  it('gives every <math> an alttext with the TeX', () => {
    const doc = parseXml(wrap(finishMathml(mathml('a < b \\& \\text{"c"}'))));
    expect(allElements(doc).find((e) => e.localName === 'math')!.getAttribute('alttext')).toBe('a < b \\& \\text{"c"}');
  });

  it('groups an operator name in a script with its function application, so msub has two children', () => {
    const raw = mathml('p_{\\max}');
    expect(raw).toMatch(/<msub><mi>p<\/mi><mi>max<\/mi><mo>\u2061<\/mo><\/msub>/);
    const doc = parseXml(wrap(finishMathml(raw)));
    const msub = allElements(doc).find((e) => e.localName === 'msub')!;
    expect(Array.from(msub.childNodes).map((n) => (n as Element).localName)).toEqual(['mi', 'mrow']);
  });

  it('writes styled letters as the Unicode characters MathML Core engines draw', () => {
    expect(finishMathml(mathml('\\mathbb{E}[x] + \\mathbb{R} + \\mathcal{L} + \\mathbf{1}'))).toMatch(/<mi mathvariant="normal">𝔼<\/mi>[\s\S]*<mi mathvariant="normal">ℝ<\/mi>[\s\S]*<mi mathvariant="normal">ℒ<\/mi>[\s\S]*<mn>𝟏<\/mn>/);
  });
});

describe('simple formulas as text', () => {
  it('sets a letter, number or Greek letter with a subscript and superscript as text', () => {
    expect(simpleMathText('x_i')).toBe('<span class="math-text"><i>x</i><sub><i>i</i></sub></span>');
    expect(simpleMathText('\\sigma^2')).toBe('<span class="math-text"><i>σ</i><sup>2</sup></span>');
    expect(simpleMathText('w_{t-1}')).toBe('<span class="math-text"><i>w</i><sub><i>t</i>−1</sub></span>');
    expect(simpleMathText('x^2_i')).toBe('<span class="math-text"><i>x</i><sub><i>i</i></sub><sup>2</sup></span>');
    expect(simpleMathText('p_{\\text{send}}')).toBe('<span class="math-text"><i>p</i><sub>send</sub></span>');
    expect(simpleMathText('K^\\top')).toBe('<span class="math-text"><i>K</i><sup>⊤</sup></span>');
    expect(simpleMathText('0.05')).toBe('<span class="math-text">0.05</span>');
  });

  it('leaves everything else to MathML or an image', () => {
    for (const tex of ['n = 3', 'x_i_j', '\\mathbb{R}', '\\frac{a}{b}', 'ab', '\\sqrt{d_k}', '\\alphabet', 'x_{i,j}']) expect(simpleMathText(tex), tex).toBeUndefined();
  });

  it('names table headers: an empty corner becomes a data cell, a header that is a simple formula gets text', () => {
    const html = `<tr><th></th><th>${mathml('F_0')}</th><th>${mathml('\\frac{a}{b}')}</th><th>rate ${mathml('x')}</th></tr>`;
    const out = nameTableHeaders(html);
    expect(out).toContain('<tr><td></td><th><span class="math-text"><i>F</i><sub>0</sub></span></th>');
    expect(out).toContain(`<th>${mathml('\\frac{a}{b}')}</th>`);
    expect(out).toContain(`<th>rate ${mathml('x')}</th>`);
  });
});

describe('formula images for the Kindle edition', () => {
  const draw = texToSvgConverter();

  it('draws a standalone SVG file: namespaced, no HTML attributes, black ink, ids independent of order', () => {
    const svg = draw({ tex: '\\operatorname{softmax}\\left(\\frac{QK^\\top}{\\sqrt{d_k}}\\right)', display: true });
    const doc = parseXml(svg, 'formula');
    expect(doc.documentElement?.namespaceURI).toBe('http://www.w3.org/2000/svg');
    expect(svg).not.toMatch(/currentColor|data-|focusable|style=|role=/);
    expect(svg).not.toMatch(/MJX-\d/);
    expect(draw({ tex: 'x^2 + 1', display: false })).toBe(draw({ tex: 'x^2 + 1', display: false }));
  });

  it('fails on TeX that MathJax cannot draw instead of drawing it in red', () => {
    expect(() => draw({ tex: '\\undefinedmacro{x}', display: false })).toThrow(/undefinedmacro/);
    expect(() => draw({ tex: 'a & b', display: false })).toThrow();
    expect(() => standaloneSvg('<svg viewBox="0 0 1 1"><g data-mml-node="merror"></g></svg>')).toThrow(/error/);
  });

  it('sizes the image in em from the viewBox and sets inline formulas on the baseline', () => {
    const svg = draw({ tex: 'y_i', display: false });
    const size = imageSize(svg);
    expect(size.width).toBeGreaterThan(0.5);
    expect(size.depth).toBeGreaterThan(0);
    const tag = mathImageTag({ tex: 'y_i', display: false }, '../math/a.svg', size);
    expect(tag).toMatch(/^<img class="math-img" src="\.\.\/math\/a\.svg" alt="y_i" style="width:[\d.]+em;height:[\d.]+em;vertical-align:-[\d.]+em"\/>$/);
    expect(mathImageTag({ tex: 'a<b', display: true }, 'x.svg', size)).toContain('alt="a&lt;b"');
  });

  it('names an image by its TeX and display mode', () => {
    expect(mathImagePath({ tex: 'x', display: false })).toMatch(/^math\/[0-9a-f]{20}\.svg$/);
    expect(mathImagePath({ tex: 'x', display: false })).toBe(mathImagePath({ tex: 'x', display: false }));
    expect(mathImagePath({ tex: 'x', display: true })).not.toBe(mathImagePath({ tex: 'x', display: false }));
  });
});
