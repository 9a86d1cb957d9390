/**
 * A worksheet or answer key as print HTML, in chunks that Paged.js lays out one by one (every
 * chunk starts on a new page; the PDF finisher joins them). Pure: the target stages the files.
 */
import { escapeHtml } from '../render/markdown.ts';
import { LAYOUT_SCRIPTS } from '../pdf/print-html.ts';

export interface WorksheetChunk {
  /** HTML file in the print folder. */
  readonly file: string;
  readonly body: string;
  /** Item ids laid out in this chunk (for timeouts and tests). */
  readonly items: readonly string[];
}

export interface WorksheetDoc {
  /** File name without `.pdf`, e.g. `theory` or `theory-answer-key`. */
  readonly name: string;
  /** PDF title (document metadata). */
  readonly title: string;
  /** PDF subject. */
  readonly subject: string;
  readonly items: readonly string[];
  readonly chunks: readonly WorksheetChunk[];
}

/** The host page every chunk of a worksheet is laid out in: fonts, KaTeX, the worksheet styles, Paged.js, its hooks and the layout worker. */
export function worksheetHost(title: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)}</title>
<meta name="author" content="The ML/AI Interview Prep Guide authors">
<link rel="icon" href="data:,">
<link rel="stylesheet" href="assets/katex/katex.min.css">
<link rel="stylesheet" href="assets/fonts.css">
<link rel="stylesheet" href="worksheet.css">
${LAYOUT_SCRIPTS}
</head>
<body>
</body>
</html>
`;
}

/** Splits blocks into chunks of at most `size`, the first chunk led by `lead` (title pages). */
export function chunkBlocks(name: string, lead: string, blocks: readonly { id: string; html: string }[], size: number): WorksheetChunk[] {
  const chunks: WorksheetChunk[] = [];
  for (let i = 0; i === 0 || i < blocks.length; i += size) {
    const run = blocks.slice(i, i + size);
    chunks.push({
      file: `${name}-${String(chunks.length).padStart(3, '0')}.html`,
      body: `${i === 0 ? lead : ''}\n${run.map((b) => b.html).join('\n')}`,
      items: run.map((b) => b.id),
    });
  }
  return chunks;
}
