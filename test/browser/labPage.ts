/**
 * Shared set-up of the browser tests: the built site (dist/web) served from localhost, Debian's
 * Chromium driven by playwright-core (never a downloaded browser), and helpers that act on the page
 * as a person would.
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { serveStatic, type StaticServer } from './staticServer';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SITE = `${ROOT}dist/web`;
const CHROMIUM = process.env['FLOTILLA_CHROMIUM'] ?? '/usr/bin/chromium';
/**
 * Where the tests' screenshots go: dist/screenshots (untracked), so a test run never rewrites a
 * tracked file; `FLOTILLA_SCREENSHOTS=docs npm run test:browser` refreshes the README's pictures
 * in docs/screenshots.
 */
export const SCREENSHOTS =
  process.env['FLOTILLA_SCREENSHOTS'] === 'docs' ? `${ROOT}docs/screenshots` : `${ROOT}dist/screenshots`;

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Lab {
  server: StaticServer;
  browser: Browser;
  /** Errors logged by any page, and requests to anywhere but the site. */
  consoleErrors: string[];
  foreignRequests: string[];
  /** A new page in a fresh context (nothing shared with the other pages), at `hash`. */
  open(hash?: string, options?: { reducedMotion?: boolean; width?: number; height?: number }): Promise<Page>;
  close(): Promise<void>;
}

export async function startLab(): Promise<Lab> {
  if (!existsSync(`${SITE}/index.html`))
    throw new Error('dist/web is not built: run `npm run test:browser` (it runs `vite build` first)');
  if (!existsSync(CHROMIUM))
    throw new Error(`no Chromium at ${CHROMIUM}: install Debian's package (apt-get install -y chromium)`);
  await mkdir(SCREENSHOTS, { recursive: true });
  const server = await serveStatic(SITE);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const consoleErrors: string[] = [];
  const foreignRequests: string[] = [];
  const contexts: BrowserContext[] = [];
  return {
    server,
    browser,
    consoleErrors,
    foreignRequests,
    async open(hash = '', options = {}) {
      const context = await browser.newContext({
        viewport: { width: options.width ?? 1280, height: options.height ?? 800 },
        acceptDownloads: true,
        reducedMotion: options.reducedMotion === false ? 'no-preference' : 'reduce',
      });
      contexts.push(context);
      // Offline check: the site must need nothing but its own files.
      await context.route('**/*', (route) => {
        const url = route.request().url();
        if (url.startsWith(server.url)) return route.continue();
        foreignRequests.push(url);
        return route.abort();
      });
      const page = await context.newPage();
      page.on('console', (m) => {
        if (m.type() === 'error') consoleErrors.push(m.text());
      });
      page.on('pageerror', (e) => consoleErrors.push(`uncaught: ${e.message}`));
      await page.goto(`${server.url}${hash === '' ? '' : `#${hash}`}`);
      await page.locator('.card[data-node]').first().waitFor();
      return page;
    },
    async close() {
      for (const c of contexts) await c.close();
      await browser.close();
      await server.close();
    },
  };
}

/** Moves the scrubber as a drag would (input events) and returns how long the page took, in ms. */
export function scrubTo(page: Page, ms: number): Promise<number> {
  return page.evaluate((t) => {
    const scrubber = document.querySelector<HTMLInputElement>('#scrubber');
    if (scrubber === null) throw new Error('no scrubber');
    const start = performance.now();
    scrubber.value = String(t);
    scrubber.dispatchEvent(new Event('input', { bubbles: true }));
    scrubber.dispatchEvent(new Event('change', { bubbles: true }));
    return performance.now() - start;
  }, ms);
}

export const card = (page: Page, node: string) => page.locator(`.card[data-node="${node}"]`);
/**
 * What an element shows. A kubectl panel (<pre>) below the fold is not rendered until it scrolls
 * into view (content-visibility: auto), so its text is read as text rather than as laid out.
 */
export const text = (page: Page, selector: string) =>
  page
    .locator(selector)
    .evaluate((e) => (e instanceof HTMLPreElement ? (e.textContent ?? '') : (e as HTMLElement).innerText));
