import { describe, expect, it } from 'vitest';
import { renderPrintBook, ITEMS_PER_CHUNK } from '../../scripts/lib/pdf/print-html.ts';
import { splitCodeLines, lineBreakableCode } from '../../scripts/lib/pdf/code-lines.ts';
import { setPdfMetadata } from '../../scripts/lib/pdf/metadata.ts';
import { elementCount, planRuns } from '../../scripts/lib/pdf/paginate.ts';
import { loadBook } from '../../scripts/lib/load/loader.ts';
import { MINI } from '../helpers/fixture.ts';

describe('print rendering helpers', () => {
  it('splits highlighted code into lines, re-opening spans that cross a line break', () => {
    expect(splitCodeLines('a = <span class="s">"x\ny"</span>\nb')).toEqual(['a = <span class="s">"x</span>', '<span class="s">y"</span>', 'b']);
    expect(lineBreakableCode('<pre class="code" data-lang="python"><code class="hljs">x\n\ny\n</code></pre>'))
      .toBe('<pre class="code" data-lang="python"><code class="hljs"><span class="line">x</span><span class="line"> </span><span class="line">y</span></code></pre>');
  });


  it('chunks the book so that chapters open on right-hand pages and items never share a chunk start', async () => {
    const loaded = await loadBook({ root: MINI, date: new Date(0) });
    if (!loaded.ok) throw new Error('fixture');
    const print = renderPrintBook(loaded.book, 'letter');
    expect(print.chunks[0]!.body).toContain('class="cover"');
    expect(print.chunks.every((c) => c.items.length <= ITEMS_PER_CHUNK)).toBe(true);
    expect(print.chunks.flatMap((c) => c.items)).toEqual(loaded.book.items.map((i) => i.id));
    const theory = print.chunks.find((c) => c.items.includes('T01'))!;
    expect(theory.startsRight).toBe(true);
    expect(theory.body).toContain('class="opener"');
    expect(theory.body).toContain('<span class="xref-page">, p.\u00a0<span class="page-ref" data-target="item-T02">000</span></span>');
    expect(theory.body).toMatch(/<img class="diagram-img" src="data:image\/svg\+xml;base64,[A-Za-z0-9+/=]+" width="\d+" height="\d+" alt="Diagnosis flow from the learning curve">/);
    const contents = print.chunks.find((c) => c.body.includes('id="contents"'))!;
    expect(contents.body).toContain('<a class="toc-page" href="#item-C01"><span class="page-ref" data-target="item-C01">000</span></a>');
  });
});

describe('PDF metadata', () => {
  it('appends an Info dictionary and /Lang as an incremental update', async () => {
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj\n<</Type /Catalog /Pages 2 0 R>>\nendobj\n2 0 obj\n<</Type /Pages /Kids [] /Count 0>>\nendobj\nxref\n0 3\n0000000000 65535 f \n0000000009 00000 n \n0000000058 00000 n \ntrailer\n<</Size 3 /Root 1 0 R>>\nstartxref\n107\n%%EOF\n', 'latin1');
    const out = Buffer.from(await setPdfMetadata(pdf, { title: 'Tïtle', subject: 's', author: 'a', language: 'en-US', date: new Date(Date.UTC(2026, 0, 2, 3, 4, 5)) })).toString('latin1');
    expect(out.startsWith(pdf.toString('latin1'))).toBe(true);
    expect(out).toContain('/Lang <feff0065006e002d00550053>');
    expect(out).toContain('/CreationDate (D:20260102030405Z)');
    expect(out).toMatch(/trailer\n<<\/Size 4 \/Root 1 0 R \/Info 3 0 R \/Prev 107>>\nstartxref\n\d+\n%%EOF\n$/);
    const newXref = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(out)![1]);
    expect(out.slice(newXref, newXref + 4)).toBe('xref');
    const infoOffset = Number(/3 1\n(\d{10}) 00000 n/.exec(out)![1]);
    expect(out.slice(infoOffset, infoOffset + 7)).toBe('3 0 obj');
  });
});

describe('planRuns (layout tabs)', () => {
  it('cuts chunks into contiguous runs of about equal weight, none empty', () => {
    expect(planRuns([1, 1, 1, 1], 2)).toEqual([0, 2]);
    expect(planRuns([10, 1, 1, 1, 1, 1], 2)).toEqual([0, 1]);
    expect(planRuns([1, 1, 1, 1, 1, 10], 2)).toEqual([0, 5]);
    expect(planRuns([3, 3, 3, 3, 3, 3], 3)).toEqual([0, 2, 4]);
    expect(planRuns([5, 5], 4)).toEqual([0, 1]);
    expect(planRuns([5, 5, 5], 1)).toEqual([0]);
    expect(planRuns([], 2)).toEqual([0]);
  });

  it('leaves no run heavier than its share by more than one chunk', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 48271) % 2147483647) / 2147483647);
    for (let trial = 0; trial < 200; trial++) {
      const weights = Array.from({ length: 2 + Math.floor(random() * 30) }, () => Math.floor(random() * 1000));
      const tabs = 1 + Math.floor(random() * 4);
      const starts = planRuns(weights, tabs);
      expect(starts[0]).toBe(0);
      expect(starts.length).toBe(Math.min(tabs, weights.length));
      const ends = [...starts.slice(1), weights.length];
      const total = weights.reduce((a, b) => a + b, 0);
      starts.forEach((start, r) => {
        expect(ends[r]!).toBeGreaterThan(start);
        const run = weights.slice(start, ends[r]);
        expect(run.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(total / starts.length + 2 * Math.max(...weights));
      });
    }
  });

  it('weighs a chunk by the elements its HTML opens', () => {
    expect(elementCount('<p>a <span class="katex"><span>x</span></span></p><!-- c --> 1 < 2')).toBe(3);
  });
});
