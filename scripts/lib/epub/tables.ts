/**
 * Table header cells that assistive technology can name. Markdown tables often leave the corner
 * cell empty, and an empty <th> is a header without a name: it becomes a data cell. A header
 * that is only a formula gets the formula as text when it is simple enough (`F_0`), because
 * checkers (and some screen readers) do not take MathML or an image's alt as the header's text.
 */
import { replaceFormulas } from './mathml.ts';
import { simpleMathText } from './math-text.ts';

export function nameTableHeaders(html: string): string {
  return html.replace(/<th\b([^>]*)>([\s\S]*?)<\/th>/g, (cell: string, attrs: string, content: string) => {
    if (!content.trim()) return `<td${attrs}></td>`;
    const text = replaceFormulas(content, () => '').replace(/<[^>]+>/g, '').trim();
    if (text) return cell;
    return `<th${attrs}>${replaceFormulas(content, (f, markup) => simpleMathText(f.tex) ?? markup)}</th>`;
  });
}
