/**
 * `npm run bench:web`: frame times of the lab in Debian's Chromium (never a downloaded browser) at
 * 20 nodes / 300 pods with traffic, and 100 nodes / 3,000 pods. For each size it opens a generated
 * scenario through the page's file input, then reports how long the run and first draw took, the
 * frame intervals while playing at 8x (median, p95, max, share of frames over 1/60 s), and how long
 * a drag of the scrubber takes to redraw. Needs `vite build` first (the script runs it).
 */
import { chromium, type Page } from 'playwright-core';
import { serveStatic } from '../test/browser/staticServer';
import { CHROMIUM_ARGS, SCREENSHOTS } from '../test/browser/labPage';
import { benchScenario, type Size } from './webScenario';

const SIZES: Size[] = [
  { nodes: 20, pods: 300, traffic: true },
  { nodes: 100, pods: 3000, traffic: false },
];
const CHROMIUM = process.env['FLOTILLA_CHROMIUM'] ?? '/usr/bin/chromium';
const PLAY_MS = Number(process.env['BENCH_WEB_PLAY_MS'] ?? 6000);

const quantile = (sorted: readonly number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;

/** Frame intervals (ms) while the page plays for `ms` of wall time. */
function frameIntervals(page: Page, ms: number): Promise<number[]> {
  return page.evaluate(
    (duration) =>
      new Promise<number[]>((resolve) => {
        const deltas: number[] = [];
        let last: number | undefined;
        const start = performance.now();
        const frame = (ts: number) => {
          if (last !== undefined) deltas.push(ts - last);
          last = ts;
          if (performance.now() - start < duration) requestAnimationFrame(frame);
          else resolve(deltas);
        };
        requestAnimationFrame(frame);
      }),
    ms,
  );
}

async function measure(page: Page, size: Size): Promise<string[]> {
  const yaml = benchScenario(size);
  const t0 = Date.now();
  await page.locator('#scenario-file').setInputFiles({
    name: `bench-${size.nodes}-${size.pods}.yaml`,
    mimeType: 'text/yaml',
    buffer: Buffer.from(yaml),
  });
  await page.waitForFunction(
    (n) => document.querySelectorAll('#cluster .card[data-node]').length >= n,
    size.nodes,
    { timeout: 300_000 },
  );
  const openMs = Date.now() - t0;
  await page.locator('#speed').selectOption('8');
  await page.evaluate(() => {
    const s = document.querySelector<HTMLInputElement>('#scrubber');
    if (s === null) return;
    s.value = '20000';
    s.dispatchEvent(new Event('input'));
  });
  await page.locator('#play').click();
  const deltas = (await frameIntervals(page, PLAY_MS)).sort((a, b) => a - b);
  await page.locator('#play').click();
  // Each scrub: the input event, then until the next frame is painted.
  const scrubs = await page.evaluate(async () => {
    const s = document.querySelector<HTMLInputElement>('#scrubber');
    if (s === null) return [];
    const out: number[] = [];
    const painted = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    for (const t of [100_000, 5_000, 60_000, 35_000, 119_000, 0, 45_000, 90_000]) {
      await painted();
      const start = performance.now();
      s.value = String(t);
      s.dispatchEvent(new Event('input'));
      await painted();
      out.push(performance.now() - start);
    }
    return out;
  });
  const compact = await page.locator('#cluster.compact').count();
  const slow = deltas.filter((d) => d > 1000 / 60 + 4).length;
  const fmt = (n: number) => n.toFixed(1);
  const sortedScrubs = [...scrubs].sort((a, b) => a - b);
  return [
    `${size.nodes} nodes / ${size.pods} pods${size.traffic ? ' with traffic' : ''} (${compact ? 'compact canvas view' : 'one glyph per pod'})`,
    `  open (run the scenario + first draw): ${openMs} ms`,
    `  playing at 8x for ${PLAY_MS / 1000} s: ${deltas.length} frames (${fmt((1000 * deltas.length) / PLAY_MS)} fps), frame interval median ${fmt(quantile(deltas, 0.5))} ms, p95 ${fmt(quantile(deltas, 0.95))} ms, max ${fmt(deltas[deltas.length - 1] ?? NaN)} ms, ${fmt((100 * slow) / Math.max(1, deltas.length))}% over 20.7 ms`,
    `  scrub (input to painted frame): median ${fmt(quantile(sortedScrubs, 0.5))} ms, max ${fmt(sortedScrubs[sortedScrubs.length - 1] ?? NaN)} ms`,
  ];
}

async function main(): Promise<void> {
  const server = await serveStatic(new URL('../web/', import.meta.url).pathname);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    console.log(`Flotilla lab frame times in ${browser.version()} (headless, software rendering)`);
    for (const size of SIZES) {
      const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
      page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
      await page.goto(server.url);
      await page.locator('.card[data-node]').first().waitFor();
      for (const line of await measure(page, size)) console.log(line);
      // What it looks like at that size (mid-way: one node failed, its pods replaced).
      await page.evaluate(() => {
        const s = document.querySelector<HTMLInputElement>('#scrubber');
        if (s === null) return;
        s.value = '60000';
        s.dispatchEvent(new Event('input'));
      });
      await page.screenshot({ path: `${SCREENSHOTS}/scale-${size.nodes}-nodes-${size.pods}-pods.png` });
      await page.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
}

await main();
