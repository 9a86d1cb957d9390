import { describe, expect, it } from 'vitest';
import { loadBook } from '../../../scripts/lib/load/loader.ts';
import { MINI } from '../../helpers/fixture.ts';

describe('loadBook on the fixture book', async () => {
  const result = await loadBook({ root: MINI, date: new Date(Date.UTC(2026, 0, 2)) });
  if (!result.ok) throw new Error(result.diagnostics.map((d) => d.message).join('\n'));
  const { book } = result;

  it('reads metadata and every item in book order', () => {
    expect(book.title).toBe('Fixture Book');
    expect(book.items.map((i) => i.id)).toEqual(['T01', 'T02', 'S01', 'C01']);
    expect(book.sections.find((s) => s.key === 'theory')!.items.map((i) => i.id)).toEqual(['T01', 'T02']);
    expect(book.date.toISOString()).toBe('2026-01-02T00:00:00.000Z');
  });

  it('splits items into their H2 parts with source lines', () => {
    const t01 = book.itemsById.get('T01')!;
    expect(t01.parts.map((p) => p.heading)).toEqual(['Question', 'Answer', 'Key points', 'Common mistakes', 'Follow-ups']);
    expect(t01.parts[0]!.line).toBe(9);
    expect(t01.parts[0]!.markdown).toBe('Explain the tradeoff between $\\text{bias}^2$ and variance.');
    expect(t01.difficulty).toBe(2);
    expect(t01.related).toEqual(['T02']);
    expect(t01.slug).toBe('fixture-bias');
    expect(t01.sourcePath).toBe('content/theory/T01-fixture-bias.md');
  });

  it('renders diagrams to sanitized, accessible SVG', () => {
    const d = book.diagramsById.get('T01-flow')!;
    expect(d.itemId).toBe('T01');
    expect(d.number).toBe(1);
    expect(d.caption).toBe('Diagnosis flow from the learning curve');
    expect(d.svg.startsWith('<svg')).toBe(true);
    expect(d.svg).toContain('role="img"');
    expect(d.svg).toContain('aria-label="Diagnosis flow from the learning curve"');
    expect(d.svg).not.toMatch(/<\?xml|<!DOCTYPE|foreignObject/);
    expect(d.svg).toContain('>gap<');
  });

  it('keeps coding files and python blocks', () => {
    const c01 = book.itemsById.get('C01')!;
    expect(c01.solution!.text).toContain('def mean(');
    expect(c01.tests!.path).toBe('content/coding/C01-mean/test_solution.py');
    expect(book.itemsById.get('T01')!.pythonBlocks).toEqual([{ code: 'print(round(0.2 + 0.1, 2))\n', line: 27 }]);
  });

  it('indexes topics and guides', () => {
    expect([...book.topics.keys()]).toEqual(['generalization', 'hypothesis-testing', 'model-selection', 'numpy', 'regularization']);
    expect(book.topics.get('regularization')).toEqual(['T02']);
    expect(book.guides.map((g) => [g.slug, g.title, g.order])).toEqual([['how-to', 'How to use the fixture', 1]]);
  });

  it('is immutable', () => {
    const t01 = book.itemsById.get('T01')!;
    expect(() => { (t01 as { title: string }).title = 'x'; }).toThrow(TypeError);
    expect(() => { (book.items as unknown as unknown[]).push(t01); }).toThrow(TypeError);
    expect(() => (book.itemsById as Map<string, unknown>).set('X', t01)).toThrow(TypeError);
    expect(t01.title).toBe('What is the fixture tradeoff?');
  });
});
