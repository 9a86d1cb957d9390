/* Paged.js hooks for the print book: progress for the build log, "continued" marks on code
   blocks split across pages, and repeated table headers. Runs in the browser. */
(function () {
  window.__pagesDone = 0;
  class BookHooks extends window.Paged.Handler {
    afterPageLayout(pageElement) {
      window.__pagesDone += 1;
      for (const pre of pageElement.querySelectorAll('pre.code[data-split-from]')) {
        pre.classList.add('continued');
        const first = document.querySelector('pre.code[data-ref="' + pre.dataset.ref + '"]:not([data-split-from])');
        if (first) first.classList.add('continues');
      }
      for (const table of pageElement.querySelectorAll('table[data-split-from]')) {
        if (table.querySelector('thead')) continue;
        const head = document.querySelector('table[data-ref="' + table.dataset.ref + '"] thead');
        if (head) table.insertBefore(head.cloneNode(true), table.firstChild);
      }
    }
  }
  window.Paged.registerHandlers(BookHooks);
})();
