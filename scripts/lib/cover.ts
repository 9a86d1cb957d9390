/** The cover as SVG: the PDF's first page and the EPUB's cover image are this one drawing. */
import type { Book } from './model.ts';
import { escapeHtml } from './render/markdown.ts';

/** Wraps text into lines of at most `width` characters. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && (line + ' ' + word).length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

export function renderCoverSvg(book: Book): string {
  const counts = book.sections.filter((s) => s.items.length).map((s) => `${s.items.length} ${s.title}`);
  const title = wrap(book.title, 16);
  const subtitle = wrap(book.subtitle, 46);
  // A 1600 × 2400 canvas (2:3), drawn with shapes and system-safe font names only.
  const grid = Array.from({ length: 12 }, (_, i) => `<circle cx="${1180 + (i % 4) * 90}" cy="${430 + Math.floor(i / 4) * 90}" r="${14 + (i * 7) % 22}" fill="#f2b134" opacity="${0.35 + ((i * 5) % 7) / 10}"/>`).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1600 2400" width="1600" height="2400" role="img" aria-label="${escapeHtml(`Cover: ${book.title}`)}">
<title>${escapeHtml(book.title)}</title>
<rect width="1600" height="2400" fill="#13294b"/>
<rect x="0" y="1560" width="1600" height="840" fill="#0d1d36"/>
<path d="M120 1380 C 420 1120, 700 1500, 1000 1180 S 1420 1000, 1500 1120" stroke="#f2b134" stroke-width="10" fill="none"/>
<path d="M120 1460 C 420 1300, 700 1560, 1000 1330 S 1420 1200, 1500 1260" stroke="#6fa8dc" stroke-width="6" fill="none" opacity="0.8"/>
${grid}
${title.map((l, i) => `<text x="120" y="${560 + i * 150}" font-family="Inter, DejaVu Sans, sans-serif" font-weight="700" font-size="132" fill="#ffffff">${escapeHtml(l)}</text>`).join('\n')}
${subtitle.map((l, i) => `<text x="124" y="${600 + title.length * 150 + i * 64}" font-family="Source Serif 4, DejaVu Serif, serif" font-size="48" fill="#c9d6ea">${escapeHtml(l)}</text>`).join('\n')}
${counts.map((c, i) => `<text x="124" y="${1720 + i * 70}" font-family="Inter, DejaVu Sans, sans-serif" font-size="44" fill="#e8eef7">${escapeHtml(c)}</text>`).join('\n')}
<text x="124" y="2260" font-family="Inter, DejaVu Sans, sans-serif" font-size="40" fill="#f2b134">${escapeHtml(book.edition)}</text>
</svg>`;
}
