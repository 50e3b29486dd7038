/**
 * The lab page as a person sees it: the built static site (dist/web) served from localhost and
 * driven in Debian's Chromium (never a downloaded browser). Run with `npm run test:browser`.
 */
import { existsSync, readdirSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStatic, type StaticServer } from './staticServer';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SITE = `${ROOT}dist/web`;
const SCREENSHOT = `${ROOT}docs/screenshots/lab.png`;
const CHROMIUM = process.env['FLOTILLA_CHROMIUM'] ?? '/usr/bin/chromium';

let server: StaticServer;
let browser: Browser;
let page: Page;
const consoleErrors: string[] = [];
const foreignRequests: string[] = [];

/** Moves the scrubber as a drag would (input events) and returns how long the page took, in ms. */
function scrubTo(ms: number): Promise<number> {
  return page.evaluate((t) => {
    const scrubber = document.querySelector<HTMLInputElement>('#scrubber');
    if (scrubber === null) throw new Error('no scrubber');
    const start = performance.now();
    scrubber.value = String(t);
    scrubber.dispatchEvent(new Event('input', { bubbles: true }));
    return performance.now() - start;
  }, ms);
}

const text = (selector: string) => page.locator(selector).innerText();
const card = (node: string) => page.locator(`.card[data-node="${node}"]`);

beforeAll(async () => {
  if (!existsSync(`${SITE}/index.html`))
    throw new Error('dist/web is not built: run `npm run test:browser` (it runs `vite build` first)');
  if (!existsSync(CHROMIUM))
    throw new Error(`no Chromium at ${CHROMIUM}: install Debian's package (apt-get install -y chromium)`);
  server = await serveStatic(SITE);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  // Offline check: the site must need nothing but its own files.
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(server.url)) return route.continue();
    foreignRequests.push(url);
    return route.abort();
  });
  page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(`uncaught: ${e.message}`));
  await page.goto(server.url);
  await page.locator('.card[data-node="node-1"]').waitFor();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the lab page', () => {
  it('opens the node-dies scenario with its title and description', async () => {
    expect(await page.title()).toMatch(/^Flotilla/);
    expect(await text('.brand')).toBe('Flotilla');
    expect(await text('#scenario-title')).toBe('node-1 dies and the Tooling app comes back on node-2');
    expect(await text('#scenario-description')).toContain('node monitor grace period');
    expect(await text('#clock')).toBe('00:00');
    expect(await text('#duration')).toBe('/ 08:00');
  });

  it('lists every bundled scenario by title', async () => {
    const options = await page.locator('#scenario-picker option').allInnerTexts();
    const files = readdirSync(`${ROOT}scenarios`).filter((f) => f.endsWith('.yaml'));
    expect(options).toHaveLength(files.length);
    expect(options).toContain('node-1 dies and the Tooling app comes back on node-2');
    expect(options.join('\n')).not.toContain('has errors');
  });

  it('shows a card for each node, Ready, with the tooling pod on node-1', async () => {
    await expect.poll(() => card('node-1').innerText()).toContain('Ready');
    expect(await card('node-2').innerText()).toContain('Ready');
    expect(await card('node-1').innerText()).toMatch(/tooling-\w+-\w+/);
    expect(await card('node-2').innerText()).toMatch(/mysql-\w+-\w+/);
    expect(await text('#nodes')).toMatch(/^NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION\nnode-1\s+Ready/);
  });

  it('after scrubbing to 8 min, node-1 is NotReady/Unknown and tooling runs on node-2', async () => {
    const ms = await scrubTo(480_000);
    expect(ms).toBeLessThan(500);
    expect(await text('#clock')).toBe('08:00');
    expect(await card('node-1').locator('.badge').innerText()).toMatch(/NotReady|Unknown/);
    expect(await card('node-1').innerText()).toMatch(
      /taint · NoSchedule, NoExecute\s+node\.kubernetes\.io\/unreachable/,
    );
    expect(await card('node-1').innerText()).toContain('Terminating');
    const onNode2 = await card('node-2').locator('.pod').allInnerTexts();
    expect(onNode2.some((p) => /tooling-\w+-\w+\s+Running 1\/1/.test(p))).toBe(true);
    expect(await text('#nodes')).toMatch(/node-1\s+NotReady/);
    expect(await text('#pods')).toMatch(/tooling-\S+\s+1\/1\s+Running.*node-2/);
    expect(await text('#events')).toContain('TaintManagerEviction');
    expect(await text('#narration-text')).toContain('toleration');
  });

  it('scrubs back and forth instantly', async () => {
    const back = await scrubTo(30_000);
    expect(await card('node-1').locator('.badge').innerText()).toContain('Ready');
    expect(await text('#events')).not.toContain('TaintManagerEviction');
    expect(await card('node-2').innerText()).not.toMatch(/tooling-/);
    const forth = await scrubTo(420_000);
    expect(await text('#events')).toContain('TaintManagerEviction');
    expect(Math.max(back, forth)).toBeLessThan(500);
  });

  it('steps to the next event and plays in real time', async () => {
    await scrubTo(0);
    await page.locator('#step').click();
    expect(await text('#clock')).not.toBe('00:00');
    await scrubTo(0);
    await page.locator('#speed').selectOption('64');
    await page.locator('#play').click();
    await expect.poll(() => text('#clock'), { timeout: 5000 }).not.toBe('00:00');
    await page.locator('#play').click();
    expect(await text('#play')).toContain('Play');
  });

  it('shows the located errors of a broken scenario file instead of crashing', async () => {
    await page.locator('#scenario-file').setInputFiles({
      name: 'broken.yaml',
      mimeType: 'text/yaml',
      buffer: Buffer.from('name: broken\nnodes:\n  - { name: node-1, capacity: { cpu: lots } }\n'),
    });
    await page.locator('#scenario-error').waitFor();
    expect(await text('#scenario-error-text')).toMatch(/scenarios\/broken\.yaml:\d+:\d+/);
    expect(await page.locator('#lab').isHidden()).toBe(true);
    await page.locator('#scenario-picker').selectOption('scenarios/node-dies.yaml');
    await card('node-1').waitFor();
    expect(await page.locator('#scenario-error').isHidden()).toBe(true);
  });

  it('writes a screenshot at 8 min (docs/screenshots/lab.png)', async () => {
    await page.locator('#speed').selectOption('8');
    await scrubTo(480_000);
    await mkdir(`${ROOT}docs/screenshots`, { recursive: true });
    await page.screenshot({ path: SCREENSHOT, animations: 'disabled' });
    expect(existsSync(SCREENSHOT)).toBe(true);
  });

  it('logged no console errors and fetched nothing from elsewhere', () => {
    expect(consoleErrors).toEqual([]);
    expect(foreignRequests).toEqual([]);
  });
});
