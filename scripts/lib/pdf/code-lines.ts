/**
 * Splits highlighted code into one element per line, re-opening highlight spans that cross a line
 * break, so pagination can break a code block between lines and never inside one.
 */
export function splitCodeLines(highlighted: string): string[] {
  const open: string[] = [];
  const lines: string[] = [];
  let current = '';
  const tag = /<span[^>]*>|<\/span>|\n/g;
  let last = 0;
  for (let m = tag.exec(highlighted); m; m = tag.exec(highlighted)) {
    current += highlighted.slice(last, m.index);
    last = m.index + m[0].length;
    if (m[0] === '\n') {
      lines.push(current + '</span>'.repeat(open.length));
      current = open.join('');
    } else if (m[0] === '</span>') {
      open.pop();
      current += m[0];
    } else {
      open.push(m[0]);
      current += m[0];
    }
  }
  current += highlighted.slice(last);
  if (current !== '' && current !== open.join('')) lines.push(current);
  return lines;
}

/** Rewrites every `<pre class="code">` of an HTML fragment into line elements. */
export function lineBreakableCode(html: string): string {
  return html.replace(/(<pre class="code"[^>]*><code[^>]*>)([\s\S]*?)(<\/code><\/pre>)/g, (_m, open: string, body: string, close: string) =>
    `${open}${splitCodeLines(body).map((l) => `<span class="line">${l === '' ? ' ' : l}</span>`).join('')}${close}`);
}
