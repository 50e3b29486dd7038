/**
 * The compact view of a big cluster (more than COMPACT_PODS pods): each node card shows its pods as
 * a small map drawn on a canvas, which must stay inside the card's padding at any width.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { benchScenario } from '../../bench/webScenario';
import { startLab, type Lab } from './labPage';

let lab: Lab;

beforeAll(async () => {
  lab = await startLab();
});

afterAll(async () => {
  await lab?.close();
});

/** Opens a generated cluster of 12 nodes and 600 pods (50 a node) in a fresh page. */
async function openBig(width: number): Promise<Page> {
  const page = await lab.open('', { width });
  await page.locator('#scenario-file').setInputFiles({
    name: 'big.yaml',
    mimeType: 'text/yaml',
    buffer: Buffer.from(benchScenario({ nodes: 12, pods: 600, traffic: false })),
  });
  await page.waitForFunction(
    () => document.querySelectorAll('#cluster.compact .card[data-node]').length === 12,
  );
  return page;
}

/** For each card with a pod map: how far the map reaches past the card's content box, in px. */
function overhangs(page: Page): Promise<number[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLCanvasElement>('#cluster .card canvas.podmap')]
      .filter((canvas) => canvas.getBoundingClientRect().width > 0)
      .map((canvas) => {
        const card = canvas.parentElement as HTMLElement;
        const box = card.getBoundingClientRect();
        const style = getComputedStyle(card);
        const contentRight = box.right - parseFloat(style.borderRightWidth) - parseFloat(style.paddingRight);
        return canvas.getBoundingClientRect().right - contentRight;
      }),
  );
}

describe('the compact view of a big cluster', () => {
  for (const width of [1280, 1000, 1600])
    it(`keeps every pod map inside its card at ${width} px`, async () => {
      const page = await openBig(width);
      const reach = await overhangs(page);
      expect(reach.length).toBe(12);
      for (const r of reach) expect(r).toBeLessThanOrEqual(0.5);
      await page.close();
    });

  it('logged no console errors and fetched nothing from elsewhere', () => {
    expect(lab.consoleErrors).toEqual([]);
    expect(lab.foreignRequests).toEqual([]);
  });
});
