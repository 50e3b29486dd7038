/**
 * The lab's keys as a person uses them, in the single run and in the comparison (one key map per
 * mode, keys.ts): the same playback keys drive whichever is shown, Esc clears the run's selection
 * only, a focused control keeps Space, and the link follows the time when it comes to rest.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { card, startLab, text, type Lab } from './labPage';

let lab: Lab;
let page: Page;

beforeAll(async () => {
  lab = await startLab();
  page = await lab.open('node-dies-fast', { width: 1440, height: 900 });
});

afterAll(async () => {
  await lab?.close();
});

const hash = () => decodeURIComponent(new URL(page.url()).hash);
const tooling = () => card(page, 'node-1').locator('li.pod[data-pod^="tooling-"]');

describe('keys in the single run', () => {
  it('moves in time with the arrows, Shift and Home/End, and the link follows', async () => {
    await page.keyboard.press('ArrowRight');
    const first = await text(page, '#clock');
    expect(first).not.toBe('00:00');
    expect(hash()).toMatch(/^#node-dies-fast\?t=\d+$/);
    await page.keyboard.press('End');
    expect(await text(page, '#clock')).toBe('01:30');
    expect(hash()).toBe('#node-dies-fast?t=90000');
    await page.keyboard.press('Shift+ArrowLeft');
    expect(await text(page, '#clock')).toBe('01:20');
    expect(hash()).toBe('#node-dies-fast?t=80000');
    await page.keyboard.press('ArrowLeft');
    expect(await text(page, '#clock')).not.toBe('01:20');
    await page.keyboard.press('Home');
    expect(await text(page, '#clock')).toBe('00:00');
    expect(hash()).toBe('#node-dies-fast');
  });

  it('changes the speed with + and -, and plays and pauses with Space', async () => {
    await page.keyboard.press('-');
    expect(await page.locator('#speed').inputValue()).toBe('4');
    expect(await text(page, '#status')).toBe('Speed 4×');
    await page.keyboard.press(' ');
    expect(await text(page, '#play')).toContain('Pause');
    await expect.poll(() => text(page, '#clock')).not.toBe('00:00');
    await page.keyboard.press(' ');
    expect(await text(page, '#play')).toContain('Play');
    // At rest again: the link names the moment it stopped at.
    expect(Number(/t=(\d+)/.exec(hash())?.[1])).toBeGreaterThan(0);
    await page.keyboard.press('+');
    await page.keyboard.press('=');
    expect(await page.locator('#speed').inputValue()).toBe('16');
  });

  it('leaves Space to a focused button, and clears the selection with Esc', async () => {
    await page.keyboard.press('Home');
    await page.keyboard.press('Shift+ArrowRight');
    expect(await text(page, '#clock')).toBe('00:10');
    await page.locator('#step').focus();
    await page.keyboard.press(' ');
    // The button's own action (a step), not play.
    expect(await text(page, '#play')).toContain('Play');
    expect(await text(page, '#clock')).not.toBe('00:10');
    await tooling().click();
    expect(await page.locator('#inspector .inspect-title').innerText()).toMatch(/^pod\/tooling-/);
    await page.keyboard.press('Escape');
    expect(await page.locator('#inspector .inspect-title').count()).toBe(0);
  });
});

describe('keys in the comparison', () => {
  it('drive the comparison, not the run behind it, and Esc leaves the run’s selection', async () => {
    await tooling().click();
    const labClock = await text(page, '#clock');
    await page.locator('#scenario-picker').selectOption('compare/compose-vs-swarm-vs-kubernetes');
    await page.locator('.compare-col .card[data-node]').first().waitFor();
    await page.keyboard.press('ArrowRight');
    const next = await text(page, '#compare-clock');
    expect(next).not.toBe('00:00');
    expect(hash()).toMatch(/^#compare\/compose-vs-swarm-vs-kubernetes\?t=\d+$/);
    await page.keyboard.press('+');
    await page.keyboard.press('+');
    expect(await page.locator('#compare-speed').inputValue()).toBe('64');
    expect(await page.locator('#speed').inputValue()).toBe('16');
    await page.keyboard.press('Shift+ArrowRight');
    expect(await text(page, '#compare-clock')).not.toBe(next);
    await page.keyboard.press(' ');
    expect(await text(page, '#compare-play')).toContain('Pause');
    await page.keyboard.press(' ');
    expect(await text(page, '#compare-play')).toContain('Play');
    await page.keyboard.press('End');
    expect(await text(page, '#compare-clock')).toBe((await text(page, '#compare-duration')).slice(2));
    await page.keyboard.press('Escape');
    await page.locator('#compare-close').click();
    // The run is where it was, with its pod still selected.
    expect(await page.locator('#lab').isVisible()).toBe(true);
    expect(await text(page, '#clock')).toBe(labClock);
    expect(await page.locator('#inspector .inspect-title').innerText()).toMatch(/^pod\/tooling-/);
    expect(hash()).toMatch(/^#node-dies-fast\?t=\d+$/);
  });

  it('logged no console errors and fetched nothing from elsewhere', () => {
    expect(lab.consoleErrors).toEqual([]);
    expect(lab.foreignRequests).toEqual([]);
  });
});
