/* The layout worker. Runs in the host page of a layout tab (see paginate.ts), after Paged.js and
   the book's hooks. It lays out chunks one after another in the same document, each with its own
   Paged.js Previewer, so a chunk costs no page load, no script parse and no font loading; and it
   hides every finished chunk, so laying out the next one does not pay for the pages before it.
   The tab keeps the laid-out pages and is printed as it is: they are never serialized. */
(function () {
  // Paged.js steps its layout queue with requestAnimationFrame, which a background tab never
  // gets and a foreground tab gets at most once a frame: step it as soon as the task queue allows.
  const channel = new MessageChannel();
  const callbacks = [];
  channel.port1.onmessage = () => {
    const callback = callbacks.shift();
    if (callback) callback(performance.now());
  };
  window.requestAnimationFrame = (callback) => {
    callbacks.push(callback);
    channel.port2.postMessage(null);
    return callbacks.length;
  };

  // Paged.js decides, page by page, which margin boxes show content (a running head on the left
  // or the right, none on a first page) when it lays the page out. Joining chunks can make a right
  // page a left one, or a chunk's first page an inner one: keep each chunk's @page handler, so
  // that decision can be made again for such a page (`__refinalizePage`).
  const handlers = window.Paged.registeredHandlers;
  const atPageIndex = handlers.findIndex((h) => h.name === 'AtPage');
  if (atPageIndex < 0) throw new Error('layout-worker.js: Paged.js has no AtPage handler to keep');
  const AtPage = handlers[atPageIndex];
  handlers[atPageIndex] = class KeptAtPage extends AtPage {
    constructor(chunker, polisher, caller) {
      super(chunker, polisher, caller);
      chunker.keptAtPage = this;
    }
  };
  const pageHandlers = [];

  /** Shows a page's margin boxes as Paged.js would for the page's classes now. */
  window.__refinalizePage = function (page) {
    for (const box of page.querySelectorAll('.pagedjs_margin')) {
      box.classList.remove('hasContent');
      box.style.removeProperty('white-space');
    }
    for (const group of page.querySelectorAll('.pagedjs_margin-top, .pagedjs_margin-bottom, .pagedjs_margin-left, .pagedjs_margin-right')) {
      group.style.removeProperty('grid-template-columns');
      group.style.removeProperty('grid-template-rows');
    }
    pageHandlers[Number(page.dataset.layoutChunk)].finalizePage(page, { element: page });
  };

  // The chunks' pages, in book order (the script runs in the head: the body comes later).
  let book;
  let sheets;

  /** What makes two inserted styles the same: Paged.js's converted sheets by text, its rule sheets by rules. */
  function styleKey(style) {
    if (style.hasAttribute('data-pagedjs-inserted-styles')) return 'text:' + style.textContent;
    return 'rules:' + [...(style.sheet ? style.sheet.cssRules : [])].map((r) => r.cssText).join('\n');
  }

  /**
   * Content Paged.js believed fitted but Chromium set in a page's overflow column would be missing
   * from the PDF without a word: the first such text of each page.
   */
  function lostText(pages) {
    const lost = [];
    pages.forEach((page, i) => {
      const area = page.querySelector('.pagedjs_page_content');
      if (!area || area.scrollWidth <= area.clientWidth + 1) return;
      // The next column starts a page-margin's width to the right; text just past the edge
      // (a formula a few points too wide) is still printed.
      const right = area.getBoundingClientRect().right + 40;
      const walker = document.createTreeWalker(area, NodeFilter.SHOW_TEXT);
      for (let t = walker.nextNode(); t; t = walker.nextNode()) {
        if (!t.textContent.trim()) continue;
        const range = document.createRange();
        range.selectNodeContents(t);
        const r = range.getBoundingClientRect();
        if (r.width > 0 && r.left >= right) {
          lost.push({ page: i + 1, text: t.textContent.trim().slice(0, 80) });
          break;
        }
      }
    });
    return lost;
  }

  /** Lays out the HTML fragment in `file` as pages of its own, after the chunks laid out so far. Returns its page count and any lost text. */
  window.__layoutChunk = async function (file, startsRight) {
    if (!book) {
      book = document.createElement('div');
      book.className = 'layout-book';
      document.body.append(book);
      // The joined pages are drawn only when printed: on screen Chromium would lay them all out again for nothing.
      const style = document.createElement('style');
      style.setAttribute('data-pagedjs-ignore', '');
      style.textContent = '@media screen { .pagedjs_pages.print-only { display: none !important; } }';
      document.head.append(style);
    }
    if (!sheets) {
      // The host page's styles, read once and handed to every chunk's Previewer as text.
      const found = new window.Paged.Previewer().removeStyles();
      sheets = await Promise.all(found.map(async (s) => (typeof s === 'string' ? { [s]: await (await fetch(s)).text() } : s)));
    }
    const response = await fetch(file);
    if (!response.ok) throw new Error(`${file}: HTTP ${response.status}`);
    const template = document.createElement('template');
    template.innerHTML = await response.text();
    const holder = document.createElement('div');
    holder.className = 'layout-chunk';
    book.append(holder);

    const before = new Set(document.head.querySelectorAll('style'));
    const known = new Set([...before].map(styleKey));
    const flow = await new window.Paged.Previewer().preview(template.content, sheets, holder);
    // Every Previewer inserts the same styles again: keep one of each.
    for (const style of document.head.querySelectorAll('style')) {
      if (before.has(style)) continue;
      const key = styleKey(style);
      if (known.has(key) || key === 'rules:') style.remove();
      else known.add(key);
    }
    // A page's resize observer re-checks its layout when the page is hidden, shown or moved; the
    // layout is final, and the check throws on pages of a finished flow.
    for (const page of flow.pages) page.removeListeners();

    const pages = [...holder.querySelectorAll('.pagedjs_page')];
    const chunk = pageHandlers.push(flow.keptAtPage) - 1;
    for (const page of pages) page.dataset.layoutChunk = String(chunk);
    if (pages[0]) pages[0].setAttribute('data-chunk-start', startsRight ? 'right' : 'any');
    const lost = lostText(pages);
    holder.style.display = 'none';
    return { pages: pages.length, lost };
  };
})();
