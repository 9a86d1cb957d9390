/* Paged.js hooks for the print book. Runs in the browser.
   - progress for the build log;
   - keeps headings with what follows them: Paged.js 0.4.3 honours `break-after: avoid` only when
     the overflowing box is the heading's next sibling, so a heading followed by a code block, a
     list or a wrapper whose first line does not fit stayed alone at the foot of the page;
   - repeats a table's header row on the pages it continues onto, while the page is laid out
     (added afterwards, the row would push the table past the foot of the page);
   - marks code blocks split across pages ("continued on next page" / "continued"). */
(function () {
  window.__pagesDone = 0;
  // What must not end a page: headings, an item's header, the solution file heading, a contents
  // section line, an index term.
  const KEEP_WITH_NEXT = 'h1, h2, h3, h4, h5, h6, .item-head, .solution-heading, .toc-section, .topic-index dt';
  const VISIBLE = 'img, svg, math, figure, table, hr, .katex';

  /** True when the range holds no text and nothing drawn. */
  function isBlank(range) {
    if (range.collapsed) return true;
    if (range.toString().trim() !== '') return false;
    return !range.cloneContents().querySelector(VISIBLE);
  }

  /** The heading that would end the page when the overflow starts at `start`, if any. */
  function strandedBefore(rendered, start) {
    const candidates = rendered.querySelectorAll(KEEP_WITH_NEXT);
    for (let i = candidates.length - 1; i >= 0; i--) {
      const heading = candidates[i];
      const between = document.createRange();
      between.setStartAfter(heading);
      // The heading must end before the overflow starts.
      if (between.comparePoint(start.container, start.offset) < 0) continue;
      between.setEnd(start.container, start.offset);
      if (!isBlank(between)) return undefined;
      // Moving a heading that opens the page would only move the problem to the next page.
      const before = document.createRange();
      before.setStart(rendered, 0);
      before.setEndBefore(heading);
      return isBlank(before) ? undefined : heading;
    }
    return undefined;
  }

  class BookHooks extends window.Paged.Handler {
    onOverflow(overflow, rendered) {
      if (!overflow) return undefined;
      let moved = false;
      for (let guard = 0; guard < 4; guard++) {
        const heading = strandedBefore(rendered, { container: overflow.startContainer, offset: overflow.startOffset });
        if (!heading) break;
        overflow.setStartBefore(heading);
        moved = true;
      }
      return moved ? overflow : undefined;
    }

    renderNode(clone, node) {
      if (clone.nodeType !== 1 || clone.tagName === 'TABLE') return;
      const table = clone.parentElement && clone.parentElement.closest('table[data-split-from]');
      if (!table || table.querySelector(':scope > thead')) return;
      const head = node.closest('table') && node.closest('table').querySelector(':scope > thead');
      if (!head) return;
      const copy = head.cloneNode(true);
      for (const el of [copy, ...copy.querySelectorAll('[data-ref]')]) el.removeAttribute('data-ref');
      copy.classList.add('repeated-head');
      table.insertBefore(copy, table.firstChild);
    }

    afterPageLayout(pageElement) {
      window.__pagesDone += 1;
      for (const pre of pageElement.querySelectorAll('pre.code[data-split-from]')) pre.classList.add('continued');
    }

    afterRendered(pages) {
      // A piece learns that it was split only when the next page is laid out.
      for (const page of pages) {
        for (const pre of page.element.querySelectorAll('pre.code[data-split-to]')) pre.classList.add('continues');
      }
    }
  }
  window.Paged.registerHandlers(BookHooks);
})();
