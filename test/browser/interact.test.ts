/**
 * The lab as a student and an instructor use it: play the node-failure demo, inspect a pod and why
 * it landed where it did, act on the cluster, open files (good and bad), share a link, save and
 * replay a run, present. Screenshots go to labPage's SCREENSHOTS (lab.png is README's).
 */
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { card, scrubTo, SCREENSHOTS, startLab, text, type Lab } from './labPage';

let lab: Lab;
let page: Page;

beforeAll(async () => {
  lab = await startLab();
  page = await lab.open('node-dies-fast');
});

afterAll(async () => {
  await lab?.close();
});

const toolingIn = (p: Page, node: string) => card(p, node).locator('li.pod[data-pod^="tooling-"]');
const shot = (p: Page, name: string) =>
  p.screenshot({ path: `${SCREENSHOTS}/${name}`, animations: 'disabled' });

/** What a person sees of the lab's state, to compare two pages. */
async function visibleState(p: Page) {
  return {
    clock: await text(p, '#clock'),
    cluster: await text(p, '#cluster'),
    pods: await text(p, '#pods'),
    events: await text(p, '#events'),
    commands: await text(p, '#commands'),
    checks: await text(p, '#checks'),
  };
}

describe('playing the node-failure demo', () => {
  it('plays node-dies-fast to the end: the replacement pod is inside node-2’s card', async () => {
    expect(await text(page, '#scenario-title')).toBe('node-1 dies, with short timings for a live demo');
    expect(await text(page, '#duration')).toBe('/ 01:30');
    await page.locator('#speed').selectOption('64');
    await page.locator('#play').click();
    await expect.poll(() => text(page, '#clock'), { timeout: 15_000 }).toBe('01:30');
    expect(await text(page, '#play')).toContain('Play');
    await expect(toolingIn(page, 'node-2').count()).resolves.toBe(1);
    expect(await toolingIn(page, 'node-2').innerText()).toMatch(/tooling-\w+-\w+\s+Running 1\/1/);
    expect(await toolingIn(page, 'node-1').count()).toBe(0);
    expect(await card(page, 'node-1').locator('.badge').innerText()).toContain('Ready');
  });

  it('scrubs back: the tooling pod is on node-1 again, and forward again', async () => {
    const replacement = await toolingIn(page, 'node-2').getAttribute('data-pod');
    await scrubTo(page, 15_000);
    expect(await text(page, '#clock')).toBe('00:15');
    expect(await toolingIn(page, 'node-1').innerText()).toMatch(/Running 1\/1/);
    expect(await toolingIn(page, 'node-2').count()).toBe(0);
    await scrubTo(page, 60_000);
    expect(await toolingIn(page, 'node-2').getAttribute('data-pod')).toBe(replacement);
    // The pod being replaced is linked to its replacement while it is Terminating.
    expect(await toolingIn(page, 'node-1').innerText()).toContain('Terminating');
    expect(await page.locator('#links path.link').count()).toBe(1);
    expect(await card(page, 'node-1').getAttribute('class')).toContain('node-down');
  });

  it('opens a pod: kubectl describe and the scheduling explanation table', async () => {
    await toolingIn(page, 'node-2').click();
    const inspector = page.locator('#inspector');
    expect(await inspector.locator('.inspect-title').innerText()).toMatch(/^pod\/tooling-/);
    const table = inspector.locator('table.explain-table');
    await table.waitFor();
    expect(await table.locator('thead th.winner').innerText()).toBe('★ node-2');
    // node-1 was excluded by a filter, named in the outcome row.
    expect(await table.locator('tr.outcome-row td.excluded').innerText()).toBe('✗ TaintToleration');
    expect(await inspector.locator('.excluded-list').innerText()).toMatch(
      /node-1 excluded by TaintToleration: .*node\.kubernetes\.io\/unreachable/,
    );
    expect(await table.locator('tbody th.plugin').allInnerTexts()).toEqual(
      expect.arrayContaining(['NodeUnschedulable', 'TaintToleration', 'NodeResourcesFit']),
    );
    const describe = await inspector.locator('pre.describe').innerText();
    expect(describe).toMatch(/^Name:\s+tooling-/);
    expect(describe).toMatch(/Node:\s+node-2/);
    expect(describe).toContain('Conditions:');
    expect(describe).toContain('Events:');
    await shot(page, 'inspector.png');
  });

  it('opens a node: its pods, conditions, taints and allocations', async () => {
    await card(page, 'node-1').locator('.card-name').click();
    const describe = await page.locator('#inspector pre.describe').innerText();
    expect(describe).toMatch(/^Name:\s+node-1/);
    expect(describe).toContain('Taints:');
    expect(describe).toContain('node.kubernetes.io/unreachable');
    expect(describe).toContain('Conditions:');
    expect(describe).toContain('Allocated resources:');
    expect(describe).toContain('Non-terminated Pods:');
    expect(await page.locator('#inspector button', { hasText: 'Recover node' }).count()).toBe(1);
  });
});

describe('acting on the cluster', () => {
  it('kills a container: the view changes and the command is in the URL', async () => {
    await scrubTo(page, 10_000);
    await toolingIn(page, 'node-1').click();
    await page.locator('#inspector button', { hasText: 'Kill container tooling' }).click();
    expect(await text(page, '#status')).toMatch(/At 00:10: kill container tooling of pod tooling-/);
    expect(await text(page, '#clock')).toBe('00:10');
    expect(await toolingIn(page, 'node-1').locator('.restarts').innerText()).toBe('↺1');
    expect(await toolingIn(page, 'node-1').innerText()).not.toContain('Running 1/1');
    expect(await text(page, '#commands')).toMatch(/00:10\s+kill container tooling of pod tooling-/);
    expect(decodeURIComponent(new URL(page.url()).hash)).toMatch(
      /^#node-dies-fast\?t=10000&do=10000~crash~default\/tooling-\w+-\w+~tooling$/,
    );
    expect(await text(page, '#events')).toMatch(/BackOff|Pulled|Started|Created/);
  });

  it('refuses a command that cannot apply, with the engine’s message, and records nothing', async () => {
    // Right after the kill the container is not running: killing it again is refused.
    const before = page.url();
    await page.locator('#inspector button', { hasText: 'Kill container tooling' }).click();
    expect(await text(page, '#status')).toMatch(
      /Refused: container tooling of pod tooling-\S+ is not running/,
    );
    expect(page.url()).toBe(before);
    expect(await page.locator('#commands li').count()).toBe(1);
  });

  it('fails and drains nodes, scales a Deployment, and undoes a command', async () => {
    await scrubTo(page, 12_000);
    await card(page, 'node-2').locator('.card-name').click();
    await page.locator('#inspector button', { hasText: 'Cordon' }).click();
    expect(await card(page, 'node-2').innerText()).toContain('cordoned');
    await toolingIn(page, 'node-1').click();
    await page.locator('#inspector input.replicas').fill('3');
    await page.locator('#inspector button', { hasText: /^Scale$/ }).click();
    await scrubTo(page, 20_000);
    // node-2 is cordoned: the two new replicas land on node-1.
    expect(await toolingIn(page, 'node-1').count()).toBe(3);
    expect(await page.locator('#commands li').count()).toBe(3);
    await page.locator('#commands li').nth(2).locator('button.command-undo').click();
    expect(await page.locator('#commands li').count()).toBe(2);
    expect(await toolingIn(page, 'node-1').count()).toBe(1);
  });

  it('shares a link that reopens the exact state in a fresh page', async () => {
    await scrubTo(page, 65_000);
    await page.locator('#share').click();
    const url = page.url();
    expect(url).toContain('t=65000');
    const fresh = await lab.open(new URL(url).hash.slice(1));
    expect(await visibleState(fresh)).toEqual(await visibleState(page));
    await fresh.context().close();
  });

  it('saves the run and replays it from the file, checking the trace', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#download').click()]);
    expect(download.suggestedFilename()).toBe('node-dies-fast-seed7.ndjson');
    const path = await download.path();
    const saved = await readFile(path, 'utf8');
    expect(JSON.parse(saved.split('\n')[0] ?? '')).toMatchObject({
      type: 'flotilla-lab-run',
      path: 'scenarios/node-dies-fast.yaml',
      seed: 7,
    });
    const fresh = await lab.open('node-dies');
    await fresh.locator('#run-file').setInputFiles(path);
    await expect.poll(() => text(fresh, '#status')).toMatch(/trace is identical \(\d+ records\)/);
    expect(await text(fresh, '#scenario-title')).toBe('node-1 dies, with short timings for a live demo');
    expect(await text(fresh, '#commands')).toEqual(await text(page, '#commands'));
    await fresh.context().close();
  });

  it('saves the session as a scenario file with the commands in its timeline', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('#export-scenario').click(),
    ]);
    expect(download.suggestedFilename()).toBe('node-dies-fast-lab.yaml');
    const yaml = await readFile(await download.path(), 'utf8');
    expect(yaml).toMatch(/^name: node-dies-fast$/m);
    expect(yaml).toMatch(/^seed: 7$/m);
    expect(yaml).toMatch(
      /\{ at: 10000ms, action: crashContainer, pod: tooling-\S+, namespace: default, container: tooling, exitCode: 1 \}/,
    );
    expect(yaml).toContain('{ at: 12000ms, action: cordon, node: node-2 }');
  });
});

describe('opening scenario files', () => {
  const broken = 'name: broken\nnodes:\n  - { name: node-1, capacity: { cpu: lots } }\n';

  it('shows an invalid file’s located error and leaves the current run untouched', async () => {
    const before = await visibleState(page);
    await page.locator('#scenario-file').setInputFiles({
      name: 'broken.yaml',
      mimeType: 'text/yaml',
      buffer: Buffer.from(broken),
    });
    await page.locator('#scenario-error').waitFor();
    expect(await text(page, '#scenario-error-text')).toMatch(
      /^scenarios\/broken\.yaml:3:\d+: nodes\[0\]\.capacity\.cpu: /m,
    );
    expect(await page.locator('#lab').isVisible()).toBe(true);
    expect(await text(page, '#scenario-title')).toBe('node-1 dies, with short timings for a live demo');
    expect(await visibleState(page)).toEqual(before);
    await shot(page, 'error.png');
    await page.locator('#scenario-error-close').click();
  });

  it('opens a dropped file', async () => {
    const yaml = (
      await readFile(new URL('../../scenarios/node-dies-fast.yaml', import.meta.url), 'utf8')
    ).replace(/^title: .*$/m, 'title: My own <b>dropped</b> scenario');
    await page.evaluate((content) => {
      const dt = new DataTransfer();
      dt.items.add(new File([content], 'mine.yaml', { type: 'text/yaml' }));
      document.body.dispatchEvent(new DragEvent('dragenter', { dataTransfer: dt, bubbles: true }));
      document.body.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true }));
    }, yaml);
    // The title is shown as text, never as markup.
    await expect.poll(() => text(page, '#scenario-title')).toBe('My own <b>dropped</b> scenario');
    expect(await page.locator('#scenario-title b').count()).toBe(0);
    expect(await page.locator('#scenario-picker option:checked').innerText()).toBe('mine.yaml (opened file)');
    expect(await page.locator('#drop-zone').isHidden()).toBe(true);
  });
});

describe('traffic, charts and the keyboard', () => {
  it('shows Services as hubs with their endpoints, and where requests are dropped', async () => {
    const p = await lab.open('tooling-mysql?t=130000', { width: 1440, height: 900 });
    const panel = p.locator('#traffic-panel');
    await panel.scrollIntoViewIfNeeded();
    expect(await panel.isVisible()).toBe(true);
    expect(await panel.locator('.hub-name').allTextContents()).toEqual([
      'svc/mysql (ClusterIP) · 1/1 ready',
      'svc/tooling (NodePort) · 0/1 ready',
    ]);
    expect(await panel.locator('.endpoint.not-ready .ep-name').textContent()).toMatch(
      /^tooling-\S+ on node-1 \(not ready\)$/,
    );
    expect(await panel.locator('text.drop').textContent()).toBe('✗ 20 noEndpoints');
    expect(await panel.locator('text.flow-label').first().textContent()).toBe(
      'visitors: 20/s ✓ 0% ✗ 20 noEndpoints',
    );
    const charts = p.locator('#charts figcaption');
    expect(await charts.allTextContents()).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Pods over time · .* at 2m10s$/),
        expect.stringMatching(/^visitors: success rate · ━ successful requests: 0% at 2m10s$/),
        expect.stringMatching(/^visitors: p99 latency/),
      ]),
    );
    await p.locator('#charts-heading').scrollIntoViewIfNeeded();
    await panel.scrollIntoViewIfNeeded();
    await shot(p, 'traffic.png');
    await p.context().close();
  });

  it('moves through pods with Tab and opens one with Enter', async () => {
    const p = await lab.open('node-dies-fast?t=10000');
    await p.locator('.card[data-node="node-1"] .card-name').focus();
    await p.keyboard.press('Tab');
    expect(await p.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toMatch(
      /^pod tooling-\S+: .* Press Enter to inspect\.$/,
    );
    await p.keyboard.press('Enter');
    expect(await p.locator('#inspector .inspect-title').innerText()).toMatch(/^pod\/tooling-/);
    await p.keyboard.press('Escape');
    expect(await p.locator('#inspector .inspect-title').count()).toBe(0);
    await p.context().close();
  });
});

describe('presenting', () => {
  it('presenter mode: large type, keys, and a pause at each narration step', async () => {
    const p = await lab.open('node-dies-fast', { width: 1280, height: 720 });
    await p.keyboard.press('p');
    expect(await p.locator('body').getAttribute('class')).toContain('presenter');
    await p.keyboard.press('+');
    await p.keyboard.press('+');
    await p.keyboard.press('+');
    expect(await p.locator('#speed').inputValue()).toBe('64');
    await p.keyboard.press(' ');
    // It stops by itself when node-1 loses power (the first narration, at 20 s).
    await expect.poll(() => text(p, '#clock'), { timeout: 10_000 }).toBe('00:20');
    await expect.poll(() => text(p, '#play')).toContain('Play');
    expect(await text(p, '#narration-text')).toBe('node-1 loses power.');
    await p.keyboard.press('ArrowRight');
    expect(await text(p, '#clock')).not.toBe('00:20');
    await scrubTo(p, 50_000);
    await shot(p, 'presenter.png');
    await p.keyboard.press('p');
    expect(await p.locator('body').getAttribute('class')).not.toContain('presenter');
    await p.context().close();
  });

  it('marks scripted actions, narration and Warning events on the timeline', async () => {
    const p = await lab.open('node-dies-fast');
    expect(await p.locator('#markers .marker-say').count()).toBe(2);
    expect(await p.locator('#markers .marker-action').count()).toBeGreaterThanOrEqual(2);
    expect(await p.locator('#markers .marker-warning').count()).toBeGreaterThanOrEqual(1);
    expect(await p.locator('#markers .marker-say title').first().textContent()).toBe(
      '20s: node-1 loses power.',
    );
    await p.context().close();
  });

  it('writes README’s screenshot: the node-failure story mid-way, with its caption', async () => {
    const p = await lab.open('node-dies-fast?t=60000', { width: 1440, height: 900 });
    await toolingIn(p, 'node-2').click();
    expect(await text(p, '#narration-text')).toBe('node-1 loses power.');
    await shot(p, 'lab.png');
    await p.context().close();
  });

  it('logged no console errors and fetched nothing from elsewhere', () => {
    expect(lab.consoleErrors).toEqual([]);
    expect(lab.foreignRequests).toEqual([]);
  });
});
