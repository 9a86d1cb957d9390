import { describe, expect, it } from 'vitest';
import { boldLead, condenseSentence, firstSentence, plainText, wordCount } from '../../../scripts/lib/slides/sentences.ts';

describe('firstSentence', () => {
  it('ends at the first full stop followed by a new sentence', () => {
    expect(firstSentence('One idea. Two ideas.')).toBe('One idea.');
    expect(firstSentence('Is it? Yes.')).toBe('Is it?');
  });
  it('does not cut inside math, code spans or bold runs', () => {
    expect(firstSentence('The rate is $10^{-3}. A$ here. Next.')).toBe('The rate is $10^{-3}. A$ here.');
    expect(firstSentence('Call `f. G` first. Then g.')).toBe('Call `f. G` first.');
    expect(firstSentence('**Bold. Lead** stays whole. Then more.')).toBe('**Bold. Lead** stays whole.');
  });
  it('skips abbreviations and keeps a paragraph with no break whole', () => {
    expect(firstSentence('Use a model, e.g. Adam and so on. Next one.')).toBe('Use a model, e.g. Adam and so on.');
    expect(firstSentence('Vaswani et al. Showed it. Then.')).toBe('Vaswani et al. Showed it.');
    expect(firstSentence('no full stop at all')).toBe('no full stop at all');
  });
  it('joins wrapped lines', () => {
    expect(firstSentence('A line\nwrapped. Next.')).toBe('A line wrapped.');
  });
});

describe('condenseSentence and boldLead', () => {
  it('keeps a bold lead and the first sentence after it', () => {
    expect(condenseSentence('**Path length.** A signal travels far. Gradients vanish.')).toBe('**Path length.** A signal travels far.');
    expect(boldLead('**Path length.** A signal.')).toBe('Path length.');
    expect(boldLead('No lead here.')).toBeUndefined();
  });
  it('keeps a bold lead with nothing after it', () => {
    expect(condenseSentence('**Only a lead.**')).toBe('**Only a lead.**');
  });
});

describe('plainText and wordCount', () => {
  it('drops emphasis, links and code but keeps TeX and ids', () => {
    const text = plainText('**Bold** and *it* with [a link](x.html), see [[T07]], $x^2$.\n\n```python\nprint(1)\n```\n\n```dot {#a caption="b"}\ndigraph {}\n```');
    expect(text).toContain('Bold and it with a link, see T07, $x^2$.');
    expect(text).toContain('[code on the slide or in the book]');
    expect(text).not.toContain('digraph');
    expect(text).not.toContain('**');
  });
  it('counts a formula as one word', () => {
    expect(wordCount('a $x + y = z$ b')).toBe(3);
  });
});
