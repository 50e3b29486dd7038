/**
 * The inspector under Docker orchestrators offers what exists there, in Docker's words: a Compose
 * host has no scheduler (no cordon, no drain); a swarm node has an availability (pause, drain).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { card, scrubTo, startLab, text, type Lab } from './labPage';

let lab: Lab;

beforeAll(async () => {
  lab = await startLab();
});

afterAll(async () => {
  await lab?.close();
});

const buttons = async (page: Page) =>
  (await page.locator('#inspector .actions button').allInnerTexts()).sort();

describe('the inspector under Docker orchestrators', () => {
  it('compose: a host can fail, not be cordoned or drained; a container is removed, not deleted', async () => {
    const page = await lab.open('compose-host-dies');
    await scrubTo(page, 20_000);
    await card(page, 'host-2').locator('.card-name').click();
    expect(await buttons(page)).toEqual(['⚠ Fail node']);
    await card(page, 'host-1').locator('li.pod').first().click();
    const actions = await buttons(page);
    expect(actions).toContain('− Remove container');
    expect(actions.some((b) => b.includes('Delete pod'))).toBe(false);
  });

  it('swarm: a node is paused or drained, and the command reads as docker says it', async () => {
    const page = await lab.open('swarm-node-dies');
    await scrubTo(page, 20_000);
    await card(page, 'node-3').locator('.card-name').click();
    expect(await buttons(page)).toEqual(['⊘ Pause', '⇥ Drain', '⚠ Fail node'].sort());
    await page.locator('#inspector button', { hasText: 'Pause' }).click();
    expect(await text(page, '#commands')).toContain('docker node update --availability pause node-3');
    expect(await card(page, 'node-3').innerText()).toContain('paused');
    await card(page, 'node-3').locator('.card-name').click();
    expect(await buttons(page)).toEqual(['Activate', '⇥ Drain', '⚠ Fail node'].sort());
  });
});
