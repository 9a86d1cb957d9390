/**
 * The overflow check of a rendered slide, run in the browser. Shared by the fitter (on decks
 * rendered in-process by Marp Core) and the end-to-end test (on the HTML decks Marp CLI writes),
 * so both judge "fits" the same way: every element of the slide's content lies inside the
 * slide's padding box. Rectangles are divided by the slide's on-screen scale, so the check holds
 * in Marp's scaled SVG viewer too. Header, footer, page number and the corner mark are excluded.
 *
 * A string, not a function: tsx rewrites functions in ways that do not survive serialization.
 */
export const MEASURE_SLIDES = `(() => {
  const sections = [...document.querySelectorAll('section')].filter((s) => !s.parentElement.closest('section'));
  return sections.map((section, index) => {
    const box = section.getBoundingClientRect();
    const scale = box.width / section.offsetWidth || 1;
    const style = getComputedStyle(section);
    const limit = {
      top: box.top / scale + parseFloat(style.paddingTop) - 2,
      left: box.left / scale + parseFloat(style.paddingLeft) - 2,
      right: box.right / scale - parseFloat(style.paddingRight) + 2,
      bottom: box.bottom / scale - parseFloat(style.paddingBottom) + 2,
    };
    const worst = { x: 0, y: 0 };
    const skip = (el) => el.closest('header, footer, .short-mark');
    for (const el of section.querySelectorAll(':scope > *, li, p, pre, table, figure, svg, .katex-display')) {
      if (skip(el) || getComputedStyle(el).position === 'absolute') continue;
      const r = el.getBoundingClientRect();
      if (!r.width && !r.height) continue;
      worst.y = Math.max(worst.y, r.bottom / scale - limit.bottom);
      worst.x = Math.max(worst.x, r.right / scale - limit.right);
    }
    // A formula, code block or table wider than its box scrolls inside it rather than showing
    // outside the slide, so the box's own overflow counts too.
    for (const el of section.querySelectorAll('.math-display, .katex-display, pre, .table-wrap')) {
      worst.x = Math.max(worst.x, el.scrollWidth - el.clientWidth - 2);
    }
    const heading = section.querySelector('h1, h2');
    return { index, heading: heading ? heading.textContent.trim() : '', overflowX: Math.round(worst.x), overflowY: Math.round(worst.y) };
  });
})()`;

export interface SlideMeasure {
  readonly index: number;
  readonly heading: string;
  /** Pixels past the right edge of the content box; 0 when it fits. */
  readonly overflowX: number;
  /** Pixels past the bottom of the content box; 0 when it fits. */
  readonly overflowY: number;
}
