import { describe, expect, it } from 'vitest';
import { fitScale, layoutForSlide, svgSize, turnLeftToRight } from '../../../scripts/lib/slides/diagram-layout.ts';
import { compileDot, loadDotRenderer, sanitizeSvg } from '../../../scripts/lib/render/diagrams.ts';
import type { Diagram } from '../../../scripts/lib/model.ts';

describe('turnLeftToRight', () => {
  it('replaces a vertical rankdir, adds one when missing and keeps a horizontal one', () => {
    expect(turnLeftToRight('digraph { rankdir=TB; a -> b; }')).toBe('digraph { rankdir=LR; a -> b; }');
    expect(turnLeftToRight('digraph { a -> b; }')).toMatch(/^digraph \{\n {2}rankdir=LR;/);
    expect(turnLeftToRight('digraph { rankdir="RL"; a -> b; }')).toBe('digraph { rankdir="RL"; a -> b; }');
  });
});

describe('layoutForSlide', () => {
  const diagram = async (dot: string): Promise<Diagram> => {
    const render = await loadDotRenderer();
    const out = compileDot(render, dot);
    if (!('svg' in out)) throw new Error(out.error.message);
    return { id: 'X01-d', itemId: 'X01', caption: 'Chain', number: 1, dot, svg: sanitizeSvg(out.svg, 'X01-d', 'Chain') };
  };
  it('turns a tall chain sideways, which makes it larger on the slide', async () => {
    const tall = await diagram('digraph { a -> b -> c -> d -> e -> f; }');
    const turned = layoutForSlide(tall, await loadDotRenderer());
    expect(turned).not.toBe(tall);
    expect(fitScale(svgSize(turned.svg)!)).toBeGreaterThan(fitScale(svgSize(tall.svg)!));
    expect(turned.svg).toContain('aria-label="Chain"');
  });
  it('leaves a wide diagram as it is', async () => {
    const wide = await diagram('digraph { rankdir=LR; a -> b -> c; }');
    expect(layoutForSlide(wide, await loadDotRenderer())).toBe(wide);
  });
});
