/**
 * Sentence-level condensing of Markdown source for slides: what a presenter says first. Works on
 * the source (not the rendered HTML) so that math, code spans and bold leads stay intact and the
 * result renders through the book's one markdown configuration.
 */

/** Words that end in a full stop without ending the sentence. */
const ABBREVIATIONS = /(?:\be\.g|\bi\.e|\bet al|\bvs|\bcf|\bapprox|\bFig|\bEq|\bSec|\bp|\bpp|\bNo|\bSt|\bDr|\bMr|\bMs|\betc)\.$/i;

/**
 * The first sentence of a Markdown paragraph, never cut inside `$…$`, a code span or a bold run.
 * A sentence ends at `.`, `?` or `!` followed by a space and something that starts a sentence.
 */
export function firstSentence(markdown: string): string {
  const text = markdown.replace(/\s*\n\s*/g, ' ').trim();
  let math = false;
  let code = false;
  let bold = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\\') { i++; continue; }
    if (c === '`' && !math) { code = !code; continue; }
    if (code) continue;
    if (c === '$') { math = !math; continue; }
    if (math) continue;
    if (c === '*' && text[i + 1] === '*') { bold = !bold; i++; continue; }
    if (bold || !'.?!'.includes(c)) continue;
    // A bold lead such as "**Idea.** Text" is not a sentence of its own: look past it.
    const next = text.slice(i + 1);
    if (!/^\s+[A-Z0-9"'(*[$`\u201c]/.test(next)) continue;
    if (c === '.' && ABBREVIATIONS.test(text.slice(Math.max(0, i - 8), i + 1))) continue;
    return text.slice(0, i + 1);
  }
  return text;
}

/** A bold lead at the start of a paragraph or list item ("**Sequential computation.** …"), if any. */
export function boldLead(markdown: string): string | undefined {
  const match = /^\*\*([^*]+?)\*\*/.exec(markdown.trim());
  return match ? match[1]!.trim() : undefined;
}

/**
 * A list item or paragraph condensed for a slide: its bold lead plus the first sentence after it,
 * or else its first sentence.
 */
export function condenseSentence(markdown: string): string {
  const text = markdown.replace(/\s*\n\s*/g, ' ').trim();
  const lead = /^\*\*[^*]+?\*\*[:.]?\s*/.exec(text);
  if (lead) {
    const rest = text.slice(lead[0].length);
    return rest ? `${lead[0]}${firstSentence(rest)}` : lead[0].trim();
  }
  return firstSentence(text);
}

/** Number of words, counting a formula as one. */
export function wordCount(markdown: string): number {
  return markdown.replace(/\$[^$]*\$/g, 'x').split(/\s+/).filter(Boolean).length;
}

/** Markdown as plain text for presenter notes: emphasis marks and link syntax dropped, TeX kept. */
export function plainText(markdown: string): string {
  return markdown
    .replace(/```[^\n]*\n[\s\S]*?```/g, (block) => (block.startsWith('```dot') ? '' : '[code on the slide or in the book]'))
    .replace(/\*\*([^*]+)\*\*/g, '$1')
    .replace(/(^|[^*\w])\*([^*\n]+)\*/g, '$1$2')
    .replace(/\[\[([A-Z]\d{2})\]\]/g, '$1')
    .replace(/\[([^\]]+)\]\([^)]+\)/g, '$1')
    .replace(/^#{3,6}\s+/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
