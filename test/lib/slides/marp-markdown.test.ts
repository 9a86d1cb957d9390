import { describe, expect, it } from 'vitest';
import { renderMarpMarkdown, toOneLine } from '../../../scripts/lib/slides/marp-markdown.ts';
import type { DeckPlan } from '../../../scripts/lib/slides/deck.ts';

const item = { id: 'D09', title: 'A *starred* | title', difficulty: 3 } as DeckPlan['item'];

describe('toOneLine', () => {
  it('keeps newlines of <pre> as character references and joins the rest', () => {
    expect(toOneLine('<div>\n  <p>a\nb</p>\n<pre>x\n\ny</pre>\n</div>')).toBe('<div> <p>a b</p> <pre>x&#10;&#10;y</pre> </div>');
  });
});

describe('renderMarpMarkdown', () => {
  const deck: DeckPlan = {
    item, name: 'D09-x',
    slides: [
      { kind: 'title', heading: item.title, blocks: [], notes: 'intro' },
      { kind: 'content', heading: 'Costs: $x$ and #1', blocks: [{ kind: 'list', ordered: true, items: ['one', 'two'] }], notes: 'a --> b <!-- c', continued: true, dense: true },
    ],
  };
  const markdown = renderMarpMarkdown(deck);
  it('escapes Markdown in headings and marks continued slides', () => {
    expect(markdown).toContain('# A \\*starred\\* \\| title');
    expect(markdown).toContain('## Costs: \\$x\\$ and \\#1 (continued)');
  });
  it('writes notes that cannot close their comment early', () => {
    const notes = markdown.slice(markdown.lastIndexOf('<!--\n'));
    expect(notes).toContain('a – b < !– c');
    expect(notes.match(/-->/g)).toHaveLength(1);
  });
  it('sets classes, hides the page number on the title slide and writes the list', () => {
    expect(markdown).toContain('<!-- _class: title -->');
    expect(markdown).toContain('<!-- _paginate: false -->');
    expect(markdown).toContain('<!-- _class: content dense continued -->');
    expect(markdown).toContain('<div class="body"><ol><li>one</li><li>two</li></ol></div>');
  });
});
