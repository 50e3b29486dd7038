/**
 * `flotilla compare A.yaml B.yaml ... [--json] [--seed N]`: runs each scenario (any orchestrator)
 * and prints one column per scenario with the figures of src/scenario/compare.ts, then footnotes
 * saying how each row is decided. Every file is loaded first: if one is invalid, nothing runs.
 * `--json` prints `{"scenarios": [ScenarioMetrics, ...]}` (field order fixed).
 */
import {
  COMPARE_ROWS,
  compareNotes,
  compareScenario,
  type Scenario,
  type ScenarioMetrics,
} from '../scenario';
import { EXIT, type Output } from './io';
import { loadScenarioInput } from './scenarioInput';

export interface CompareOptions {
  json: boolean;
  seed?: number;
}

export function compareCommand(files: readonly string[], options: CompareOptions, io: Output): number {
  const scenarios: Scenario[] = [];
  for (const f of files) {
    const s = loadScenarioInput('compare', f, io);
    if (s !== undefined) scenarios.push(s);
  }
  if (scenarios.length !== files.length) return EXIT.invalid;
  const metrics = scenarios.map((s) =>
    compareScenario(s, options.seed === undefined ? {} : { seed: options.seed }),
  );
  io.out(options.json ? `${JSON.stringify({ scenarios: metrics }, null, 2)}` : formatComparison(metrics));
  return EXIT.ok;
}

/** The side-by-side table: a label column, then one column per scenario; footnotes below. */
function formatComparison(metrics: readonly ScenarioMetrics[]): string {
  const cells = COMPARE_ROWS.map(([label, f]) => [label, ...metrics.map(f)]);
  const widths = cells[0]?.map((_, i) => Math.max(...cells.map((r) => [...(r[i] ?? '')].length))) ?? [];
  const pad = (s: string, w: number) => s + ' '.repeat(Math.max(0, w - [...s].length));
  const table = cells.map((r) =>
    r
      .map((c, i) => pad(c, widths[i] ?? 0))
      .join('   ')
      .trimEnd(),
  );
  return [...table, '', ...compareNotes(metrics)].join('\n');
}
