/**
 * Probes for "does this text appear there": the plain-text runs of some Markdown (between math,
 * code and cross-references, with inline markup removed), long enough that finding one
 * elsewhere means the passage was copied there, not that two sentences happen to share words.
 */
export function plainRuns(markdown: string, minLength = 40): string[] {
  const runs: string[] = [];
  const withoutCode = markdown.split('```').filter((_, i) => i % 2 === 0).join('\n\n');
  for (const block of withoutCode.split(/\n\s*\n|\n(?=\s*(?:[-*+]|\d+\.)\s)/)) {
    if (/^\s*\|/.test(block)) continue; // tables print as cells, not as runs of text
    const text = block
      .replace(/^\s*(?:[-*+]|\d+\.)\s+/, '')
      .replace(/\$\$[\s\S]*?\$\$/g, '\u0000')
      .replace(/(?<!\\)\$(?:\\\$|[^$])+?(?<!\\)\$/g, '\u0000')
      .replace(/`[^`]*`/g, '\u0000')
      .replace(/\[\[[A-Z]\d{2}\]\]/g, '\u0000')
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/\\([\\`*_{}[\]()#+\-.!$|])/g, '$1')
      .replace(/\*\*|__|(?<!\w)[*_]|[*_](?!\w)/g, '')
      .replace(/\s+/g, ' ');
    for (const run of text.split('\u0000')) {
      const trimmed = run.trim();
      if (trimmed.length >= minLength) runs.push(trimmed);
    }
  }
  return runs;
}

/** HTML to its visible text: tags dropped (blocks as spaces), entities decoded, MathML annotations removed, spaces collapsed. */
export function htmlText(html: string): string {
  return html
    .replace(/<annotation[^>]*>[\s\S]*?<\/annotation>/g, ' ')
    // Block boundaries separate words; inline tags (em, code, spans) sit inside them.
    .replace(/<\/?(?:p|li|ul|ol|div|h[1-6]|br|td|th|tr|pre|header|section|article|figure|figcaption)\b[^>]*>/g, ' ')
    .replace(/<[^>]+>/g, '')
    .replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

/**
 * Text as pdftotext gives it, made comparable: line-end hyphens joined; hyphens, soft hyphens,
 * zero-width spaces (KaTeX's struts) and spaces dropped.
 */
export const squash = (s: string): string => s.replace(/[\u00ad\u200b]/g, '').replace(/-\s*\n\s*/g, '').replace(/[-\u2010\u2011]/g, '').replace(/\s+/g, '');
