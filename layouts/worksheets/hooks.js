/* Paged.js hooks for worksheets and answer keys: a page count the build log reports as progress. */
(function () {
  window.__pagesDone = 0;
  class WorksheetHooks extends window.Paged.Handler {
    afterPageLayout() {
      window.__pagesDone += 1;
    }
  }
  window.Paged.registerHandlers(WorksheetHooks);
})();
