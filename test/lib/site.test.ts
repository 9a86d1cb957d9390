import { describe, expect, it } from 'vitest';
import { relativeUrl, itemUrl } from '../../scripts/lib/site/urls.ts';
import { renderSiteData } from '../../scripts/lib/site/site-data.ts';
import { loadBook } from '../../scripts/lib/load/loader.ts';
import { MINI } from '../helpers/fixture.ts';

describe('site urls', () => {
  it('computes relative links between flat pages', () => {
    expect(relativeUrl('theory/t01-a.html', 'theory/t02-b.html')).toBe('t02-b.html');
    expect(relativeUrl('theory/t01-a.html', 'stats/s01-c.html')).toBe('../stats/s01-c.html');
    expect(relativeUrl('index.html', 'assets/site.css')).toBe('assets/site.css');
    expect(relativeUrl('/guides/plan.html', 'index.html')).toBe('../index.html');
    expect(itemUrl({ id: 'T07', slug: 'l1-sparsity', section: 'theory' })).toBe('theory/t07-l1-sparsity.html');
  });
});

describe('renderSiteData', async () => {
  const result = await loadBook({ root: MINI, date: new Date(Date.UTC(2026, 5, 1)) });
  if (!result.ok) throw new Error('fixture does not load');
  const site = renderSiteData(result.book);

  it('renders every item with its parts, figures and relative cross-references', () => {
    expect(site.items.map((i) => i.id)).toEqual(['T01', 'T02', 'S01', 'C01']);
    const t01 = site.items[0]!;
    expect(t01.stars).toBe('★★');
    expect(t01.html).toContain('<h2 id="key-points">Key points</h2>');
    expect(t01.html).toContain('<figure class="diagram" id="T01-flow">');
    expect(t01.html).toContain('href="t02-fixture-ridge.html"');
    expect(t01.next).toEqual({ id: 'T02', title: 'How does ridge regression shrink weights?', url: 'theory/t02-fixture-ridge.html' });
    expect(site.date).toBe('2026-06-01');
  });

  it('prints solution.py after the Approach of a coding item', () => {
    const c01 = site.items.find((i) => i.id === 'C01')!;
    const approach = c01.html.indexOf('<h2 id="approach">');
    const solution = c01.html.indexOf('<h3 id="solution"');
    const complexity = c01.html.indexOf('<h2 id="complexity">');
    expect(approach).toBeGreaterThan(-1);
    expect(solution).toBeGreaterThan(approach);
    expect(complexity).toBeGreaterThan(solution);
    expect(c01.html).toContain('math.fsum');
  });

  it('links guides and topics back to items', () => {
    expect(site.guides[0]!.html).toContain('href="../theory/t01-fixture-bias.html"');
    expect(site.topics.find((t) => t.topic === 'numpy')!.items.map((i) => i.id)).toEqual(['C01']);
  });
});
