/**
 * The lab's comparison view, as a person uses it: the course's three runs of the Tooling app
 * (compose, kubernetes, swarm) side by side at one shared time, and the `flotilla compare` table
 * under them, with the same figures as the command line. Writes compare.png (labPage SCREENSHOTS).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareCommand } from '../../src/cli/compare';
import { ROOT, SCREENSHOTS, startLab, type Lab } from './labPage';

const FOLDER = 'compose-vs-swarm-vs-kubernetes';

let lab: Lab;
let page: Page;

const columns = () => page.locator('.compare-col');
const column = (orchestrator: string) => page.locator(`.compare-col[data-orchestrator="${orchestrator}"]`);
const cardIn = (orchestrator: string, node: string) =>
  column(orchestrator).locator(`.card[data-node="${node}"]`);
/** The cells of a table row, by its label (without the footnote mark). */
const row = (label: string) => page.locator(`#compare-table tr[data-row="${label}"] td`).allInnerTexts();

/** Moves the shared scrubber as a drag would. */
const scrubTo = (ms: number) =>
  page.evaluate((t) => {
    const s = document.querySelector<HTMLInputElement>('#compare-scrubber');
    if (s === null) throw new Error('no scrubber');
    s.value = String(t);
    s.dispatchEvent(new Event('input', { bubbles: true }));
    s.dispatchEvent(new Event('change', { bubbles: true }));
  }, ms);

beforeAll(async () => {
  lab = await startLab();
  page = await lab.open('', { width: 1600, height: 1000 });
});

afterAll(async () => {
  await lab?.close();
});

describe('the comparison view', () => {
  it('is offered in the picker, in the folder group, and opens with the keyboard', async () => {
    const option = page.locator(
      `#scenario-picker optgroup[label="${FOLDER}"] option[value="compare/${FOLDER}"]`,
    );
    expect(await option.innerText()).toBe('⇆ Compare these 3 side by side');
    await page.locator('#scenario-picker').focus();
    await page.locator('#scenario-picker').selectOption(`compare/${FOLDER}`);
    await page.locator('.compare-col .card[data-node]').first().waitFor();
    expect(await page.locator('#lab').isVisible()).toBe(false);
    expect(await page.locator('#compare-title').innerText()).toBe(`Compare: ${FOLDER}`);
    expect(page.url()).toContain(`#compare/${FOLDER}`);
    // Focus moved to the comparison, so the lab's keys drive it.
    await page.keyboard.press('End');
    expect(await page.locator('#compare-clock').innerText()).not.toBe('00:00');
    await page.keyboard.press('Home');
    expect(await page.locator('#compare-clock').innerText()).toBe('00:00');
  });

  it('has one column per scenario: title and orchestrator', async () => {
    expect(await columns().count()).toBe(3);
    expect(await page.locator('.compare-col .orchestrator').allInnerTexts()).toEqual([
      'compose',
      'kubernetes',
      'swarm',
    ]);
    for (const o of ['compose', 'kubernetes', 'swarm'])
      expect((await column(o).locator('.compare-col-title').innerText()).length).toBeGreaterThan(0);
  });

  it('at the end: compose still on node-1 (down), MySQL of the swarm on node-2', async () => {
    await page.keyboard.press('End');
    const end = await page.locator('#compare-clock').innerText();
    expect(await page.locator('#compare-duration').innerText()).toBe(`/ ${end}`);
    const compose = await cardIn('compose', 'node-1').locator('.pod').allInnerTexts();
    expect(compose.some((p) => /tooling-db-1/.test(p))).toBe(true);
    expect(compose.some((p) => /tooling-web-1/.test(p))).toBe(true);
    expect(await cardIn('compose', 'node-2').locator('.pod').count()).toBe(0);
    const swarmNode2 = await cardIn('swarm', 'node-2').locator('.pod').allInnerTexts();
    expect(swarmNode2.some((p) => /tooling_db\.1\.\w+\s+Running/.test(p))).toBe(true);
    const k8sNode2 = await cardIn('kubernetes', 'node-2').locator('.pod').allInnerTexts();
    expect(k8sNode2.some((p) => /mysql-\w+-\w+\s+Running/.test(p))).toBe(true);
  });

  it('moves every column with the one scrubber, and plays', async () => {
    await scrubTo(30_000);
    expect(await page.locator('#compare-clock').innerText()).toBe('00:30');
    for (const o of ['compose', 'kubernetes', 'swarm'])
      expect(await cardIn(o, 'node-1').locator('.badge').innerText()).toContain('Ready');
    await page.locator('#compare-speed').selectOption('64');
    await page.locator('#compare-play').click();
    await expect.poll(() => page.locator('#compare-clock').innerText(), { timeout: 5000 }).not.toBe('00:30');
    await page.locator('#compare-play').click();
    expect(await page.locator('#compare-play').innerText()).toContain('Play');
  });

  it('shows the table of `flotilla compare` with the same figures as the CLI', async () => {
    expect(await row('a person had to act')).toEqual(['yes: recoverNode node-1 at 6m', 'no', 'no']);
    // The CLI's own table (src/cli/compare.ts, run here in Node): its row, cell by cell.
    let printed = '';
    const files = ['compose', 'kubernetes', 'swarm'].map((f) => `${ROOT}scenarios/${FOLDER}/${f}.yaml`);
    compareCommand(files, { json: false }, { out: (t) => (printed += t), err: (t) => (printed += t) });
    const line = printed.split('\n').find((l) => l.startsWith('a person had to act'));
    const cliCells = (line ?? '').split(/ {3,}/).slice(1);
    expect(cliCells).toEqual(['yes: recoverNode node-1 at 6m', 'no', 'no']);
    expect(await row('a person had to act')).toEqual(cliCells);
    expect(await row('app answers again after')).toEqual([
      '5m21s (1m → 6m21s)',
      '6m1s (1m → 7m1s)',
      '46s (1m → 1m46s)',
    ]);
    expect((await row('data survived'))[2]).toMatch(/^no \(volume db-data/);
    expect(await page.locator('#compare-notes li').count()).toBe(5);
  });

  it('writes the screenshot at the failure plus 90 s', async () => {
    await scrubTo(150_000);
    await page.screenshot({ path: `${SCREENSHOTS}/compare.png`, fullPage: true, animations: 'disabled' });
  });

  it('opens a column’s node in the lab at that moment, and a link reopens the comparison', async () => {
    await cardIn('swarm', 'node-2').locator('.card-name').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#lab').isVisible()).toBe(true);
    expect(await page.locator('#compare').isVisible()).toBe(false);
    expect(await page.locator('#clock').innerText()).toBe('02:30');
    expect(page.url()).toContain(`#${FOLDER}/swarm`);
    const again = await lab.open(`compare/${FOLDER}?t=60000`);
    await again.locator('.compare-col .card[data-node]').first().waitFor();
    expect(await again.locator('.compare-col').count()).toBe(3);
    expect(await again.locator('#compare-clock').innerText()).toBe('01:00');
  });

  it('logged no console errors and fetched nothing from elsewhere', () => {
    expect(lab.consoleErrors).toEqual([]);
    expect(lab.foreignRequests).toEqual([]);
  });
});
