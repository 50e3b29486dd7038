/**
 * The lab page as a person sees it: the built static site (dist/web) served from localhost and
 * driven in Debian's Chromium (never a downloaded browser). Run with `npm run test:browser`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { isScenarioText } from '../../src/scenario';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { card as cardOf, ROOT, scrubTo as scrub, startLab, text as textOf, type Lab } from './labPage';

let lab: Lab;
let page: Page;

const scrubTo = (ms: number) => scrub(page, ms);
const text = (selector: string) => textOf(page, selector);
const card = (node: string) => cardOf(page, node);

beforeAll(async () => {
  lab = await startLab();
  page = await lab.open();
});

afterAll(async () => {
  await lab?.close();
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
    // (A folder's "Compare" entry is not a scenario: compare.test.ts checks it.)
    const options = await page.locator('#scenario-picker option:not([value^="compare/"])').allInnerTexts();
    // Every scenarios/*.yaml, and the scenarios in sub-folders (not the files they include).
    const files = readdirSync(`${ROOT}scenarios`, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.yaml'))
      .filter((f) => !f.includes('/') || isScenarioText(readFileSync(`${ROOT}scenarios/${f}`, 'utf8')));
    expect(files.length).toBeGreaterThanOrEqual(
      readdirSync(`${ROOT}scenarios`).filter((f) => f.endsWith('.yaml')).length,
    );
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

  it('logged no console errors and fetched nothing from elsewhere', () => {
    expect(lab.consoleErrors).toEqual([]);
    expect(lab.foreignRequests).toEqual([]);
  });
});
