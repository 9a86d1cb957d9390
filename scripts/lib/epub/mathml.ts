/**
 * The formulas of rendered XHTML. KaTeX (output 'mathml') writes each formula as
 * `<span class="katex"><math …><semantics>…<annotation encoding="application/x-tex">TeX</annotation></semantics></math></span>`;
 * the TeX in the annotation is the author's source, so later steps (alttext, the Kindle
 * edition's images) need no second pass over the Markdown.
 */

export interface Formula {
  readonly tex: string;
  readonly display: boolean;
}

const FORMULA = /<span class="katex">(<math\b([^>]*)>[\s\S]*?<\/math>)<\/span>/g;
const ANNOTATION = /<annotation encoding="application\/x-tex">([\s\S]*?)<\/annotation>/;

export function decodeXmlText(s: string): string {
  return s
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'").replace(/&#39;/g, "'").replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}

function formulaOf(math: string, attrs: string): Formula {
  const tex = ANNOTATION.exec(math)?.[1];
  if (tex === undefined) throw new Error(`a KaTeX formula without its TeX annotation: ${math.slice(0, 120)}`);
  return { tex: decodeXmlText(tex), display: /\sdisplay="block"/.test(attrs) };
}

/** Every formula in document order. */
export function findFormulas(html: string): Formula[] {
  return [...html.matchAll(FORMULA)].map((m) => formulaOf(m[1]!, m[2]!));
}

/** Replaces each formula (its whole KaTeX span, passed as `markup`) with what `render` returns. */
export function replaceFormulas(html: string, render: (formula: Formula, markup: string) => string): string {
  return html.replace(FORMULA, (markup: string, math: string, attrs: string) => render(formulaOf(math, attrs), markup));
}

/**
 * KaTeX 0.16 writes a named operator in a script (`p_{\max}`) as two children of the script,
 * `<mi>max</mi><mo>&#x2061;</mo>`, so `<msub>` gets three children where MathML allows two and
 * epubcheck rejects the document. An <mrow> around the operator and its (invisible) function
 * application is valid everywhere and renders the same.
 */
function groupFunctionApplications(math: string): string {
  return math.replace(/(<mi\b[^>]*>[^<]*<\/mi>)(<mo>\u2061<\/mo>)/g, '<mrow>$1$2</mrow>');
}

/** First code points of the Mathematical Alphanumeric Symbols per variant: A, a, 0. */
const VARIANT_START: Record<string, readonly [number, number, number | undefined]> = {
  bold: [0x1d400, 0x1d41a, 0x1d7ce],
  'bold-italic': [0x1d468, 0x1d482, undefined],
  script: [0x1d49c, 0x1d4b6, undefined],
  fraktur: [0x1d504, 0x1d51e, undefined],
  'double-struck': [0x1d538, 0x1d552, 0x1d7d8],
  'sans-serif': [0x1d5a0, 0x1d5ba, 0x1d7e2],
  monospace: [0x1d670, 0x1d68a, 0x1d7f6],
};
/** Letters that Unicode had encoded before the block, where the block has holes. */
const VARIANT_HOLES: Record<string, Record<string, number>> = {
  script: { B: 0x212c, E: 0x2130, F: 0x2131, H: 0x210b, I: 0x2110, L: 0x2112, M: 0x2133, R: 0x211b, e: 0x212f, g: 0x210a, o: 0x2134 },
  fraktur: { C: 0x212d, H: 0x210c, I: 0x2111, R: 0x211c, Z: 0x2128 },
  'double-struck': { C: 0x2102, H: 0x210d, N: 0x2115, P: 0x2119, Q: 0x211a, R: 0x211d, Z: 0x2124 },
};

function styledChar(ch: string, variant: string): string | undefined {
  const start = VARIANT_START[variant];
  if (!start) return undefined;
  const hole = VARIANT_HOLES[variant]?.[ch];
  if (hole) return String.fromCodePoint(hole);
  const code = ch.charCodeAt(0);
  if (ch >= 'A' && ch <= 'Z') return String.fromCodePoint(start[0] + code - 65);
  if (ch >= 'a' && ch <= 'z') return String.fromCodePoint(start[1] + code - 97);
  if (ch >= '0' && ch <= '9' && start[2] !== undefined) return String.fromCodePoint(start[2] + code - 48);
  return undefined;
}

/**
 * `<mi mathvariant="double-struck">R</mi>` as `<mi>ℝ</mi>`: MathML Core (Chromium, so Thorium and
 * other Chromium-based readers) ignores every mathvariant but `normal`, and draws a plain R.
 * The styled Unicode characters mean the same in every engine.
 */
function unicodeMathVariants(math: string): string {
  return math.replace(/<(mi|mn)\s+mathvariant="([a-z-]+)">([A-Za-z0-9]+)<\/\1>/g, (token: string, tag: string, variant: string, text: string) => {
    const styled = [...text].map((ch) => styledChar(ch, variant));
    if (styled.some((c) => c === undefined)) return token;
    // A single styled letter in <mi> would be italicised again: mark it upright.
    const attrs = tag === 'mi' && styled.length === 1 ? ' mathvariant="normal"' : '';
    return `<${tag}${attrs}>${styled.join('')}</${tag}>`;
  });
}

/**
 * Finishes KaTeX's MathML for EPUB: every `<math>` gets an `alttext` with its TeX (reading
 * systems without MathML support show or speak that instead of nothing; the annotation text is
 * already escaped for XML), operator names in scripts become valid MathML, and styled letters
 * become the Unicode characters every MathML engine draws.
 */
export function finishMathml(html: string): string {
  return html.replace(FORMULA, (_m, math: string) => {
    const tex = ANNOTATION.exec(math)?.[1] ?? '';
    const alt = tex.replace(/"/g, '&quot;').replace(/\s+/g, ' ').trim();
    return `<span class="katex">${unicodeMathVariants(groupFunctionApplications(math)).replace(/^<math\b/, `<math alttext="${alt}"`)}</span>`;
  });
}
