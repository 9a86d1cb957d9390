/**
 * One Chromium per build, started on first use and reused by every finisher (PDF, worksheets,
 * slides, formula images). The system Chromium (Debian `chromium`, or CHROME_PATH); puppeteer
 * never downloads one. Pages get `blockRemoteRequests`, so a build can't reach the network.
 */
import { existsSync } from 'node:fs';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';

const CANDIDATES = ['/usr/lib/chromium/chromium', '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

export function findChrome(env: NodeJS.ProcessEnv = process.env): string {
  const override = env['CHROME_PATH'];
  if (override) {
    if (!existsSync(override)) throw new Error(`CHROME_PATH=${override} does not exist`);
    return override;
  }
  const found = CANDIDATES.find((c) => existsSync(c));
  if (!found) throw new Error('no Chromium found: apt-get install -y chromium (or set CHROME_PATH)');
  return found;
}

let launching: Promise<Browser> | undefined;

export function getBrowser(): Promise<Browser> {
  launching ??= puppeteer.launch({
    executablePath: findChrome(),
    headless: true,
    protocolTimeout: 900_000,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-default-apps', '--disable-extensions', '--mute-audio',
      '--font-render-hinting=none',
      // Several tabs lay out at once: none of them may be throttled as a background tab.
      '--disable-background-timer-throttling', '--disable-renderer-backgrounding', '--disable-backgrounding-occluded-windows',
    ],
  });
  return launching;
}

export async function closeBrowser(): Promise<void> {
  const pending = launching;
  launching = undefined;
  if (pending) await (await pending).close();
}

/** Aborts every request that is not to `allowedOrigin` (or a data:/blob: URL). Returns the blocked URLs. */
export async function blockRemoteRequests(page: Page, allowedOrigin: string): Promise<string[]> {
  const blocked: string[] = [];
  await page.setRequestInterception(true);
  page.on('request', (request) => {
    const url = request.url();
    if (url.startsWith(`${allowedOrigin}/`) || url.startsWith('data:') || url.startsWith('blob:')) void request.continue();
    else {
      blocked.push(url);
      void request.abort('blockedbyclient');
    }
  });
  return blocked;
}
