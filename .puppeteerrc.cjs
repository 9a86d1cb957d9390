// Never let any puppeteer copy in node_modules download a browser: the build drives the
// system Chromium (Debian `chromium`, or CHROME_PATH), and this machine has no route to
// the browser download hosts anyway.
module.exports = {
  skipDownload: true,
  chrome: { skipDownload: true },
  'chrome-headless-shell': { skipDownload: true },
  firefox: { skipDownload: true },
};
