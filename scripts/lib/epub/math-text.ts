/**
 * Formulas simple enough to set as text: one letter, number or Greek letter with at most a
 * subscript and a superscript. As text they reflow and follow the reader's font, so the Kindle
 * edition keeps them as text rather than images, and table headers keep a visible name.
 */

const GREEK: Record<string, string> = {
  alpha: 'α', beta: 'β', gamma: 'γ', delta: 'δ', epsilon: 'ϵ', varepsilon: 'ε', zeta: 'ζ', eta: 'η', theta: 'θ',
  iota: 'ι', kappa: 'κ', lambda: 'λ', mu: 'μ', nu: 'ν', xi: 'ξ', pi: 'π', rho: 'ρ', sigma: 'σ', tau: 'τ',
  phi: 'ϕ', varphi: 'φ', chi: 'χ', psi: 'ψ', omega: 'ω',
};
const SYMBOL: Record<string, string> = { top: '⊤', prime: '′', star: '⋆', ast: '∗' };
const ATOM = String.raw`(?:[A-Za-z]|\d+(?:\.\d+)?|\\(?:${Object.keys(GREEK).join('|')})(?![A-Za-z]))`;
const SCRIPT_ATOM = String.raw`(?:${ATOM}|\\(?:${Object.keys(SYMBOL).join('|')})(?![A-Za-z])|\*)`;
/** An upright word as a script: `p_{\text{send}}`, `x_\mathrm{max}`. */
const WORD = String.raw`\\(?:text|mathrm|operatorname)\{\s*[A-Za-z]+(?:[ -][A-Za-z]+)*\s*\}`;
const SCRIPT = String.raw`(?:${WORD}|\{\s*${WORD}\s*\}|${SCRIPT_ATOM}|\{\s*${SCRIPT_ATOM}(?:\s*[+-]?\s*${SCRIPT_ATOM})*\s*\})`;
const SIMPLE = new RegExp(String.raw`^\s*(${ATOM})\s*(?:([_^])\s*(${SCRIPT}))?\s*(?:([_^])\s*(${SCRIPT}))?\s*$`);

/** One TeX atom as text: letters (and lower-case Greek) in italic, as TeX sets them. */
function atomText(atom: string): string {
  if (/^[A-Za-z]$/.test(atom)) return `<i>${atom}</i>`;
  if (atom.startsWith('\\')) {
    const name = atom.slice(1);
    if (GREEK[name]) return `<i>${GREEK[name]}</i>`;
    return SYMBOL[name] ?? atom;
  }
  if (atom === '*') return '∗';
  return atom;
}

function scriptText(script: string): string {
  const word = /\\(?:text|mathrm|operatorname)\{\s*([^}]*?)\s*\}/.exec(script);
  if (word) return word[1]!;
  const inner = script.replace(/^\{|\}$/g, '');
  const tokens = inner.match(new RegExp(`${SCRIPT_ATOM}|[+-]`, 'g')) ?? [];
  return tokens.map((t) => (t === '-' ? '−' : t === '+' ? '+' : atomText(t))).join('');
}

/**
 * A formula that is one letter, number or Greek letter with at most a subscript and a
 * superscript (`x_i`, `d_k`, `\sigma^2`, `w_{t+1}`, `K^\top`) as XHTML text; undefined otherwise.
 */
export function simpleMathText(tex: string): string | undefined {
  const m = SIMPLE.exec(tex);
  if (!m) return undefined;
  const [, base, op1, s1, op2, s2] = m;
  if (op1 && op1 === op2) return undefined;
  const scripts = [[op1, s1], [op2, s2]]
    .filter((p): p is [string, string] => !!p[0] && !!p[1])
    .sort((a, b) => (a[0] === b[0] ? 0 : a[0] === '_' ? -1 : 1))
    .map(([op, s]) => (op === '_' ? `<sub>${scriptText(s)}</sub>` : `<sup>${scriptText(s)}</sup>`));
  return `<span class="math-text">${atomText(base!)}${scripts.join('')}</span>`;
}
