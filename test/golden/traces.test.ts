/**
 * Golden traces: a hash of every bundled scenario's `flotilla run --json` output (trace records,
 * expectation outcomes, result) pinned in `traces.txt`, so that a change of behaviour (a different
 * placement, event, time or draw) is a visible line in review, not only a scenario expectation that
 * happens to notice.
 *
 * After a deliberate behaviour change, regenerate the file and commit it with the change:
 *
 *     npx vitest run test/golden -u
 *
 * and name the change in the commit message. Without `-u` a mismatch fails and the file is never
 * written.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { cli } from '../cli/runCli';
import { scenarioFiles } from '../scenarios/scenarioFiles';

const FILES = scenarioFiles();

/** One line per scenario: the hash of its NDJSON, its line count and its path. */
async function goldenLine(file: string): Promise<string> {
  const run = await cli(['run', file, '--json']);
  if (run.code !== 0) throw new Error(`${file}: flotilla run exited ${run.code}\n${run.err}`);
  const sha = createHash('sha256').update(run.out).digest('hex');
  const lines = run.out.trimEnd().split('\n').length;
  return `${sha.slice(0, 16)} ${String(lines).padStart(6)} ${file}`;
}

describe('golden traces', () => {
  it('every bundled scenario gives the pinned trace (regenerate: npx vitest run test/golden -u)', async () => {
    expect(FILES.length).toBeGreaterThan(10);
    const lines: string[] = [];
    for (const file of FILES) lines.push(await goldenLine(file));
    const header =
      '# sha256 (first 16 hex) of `flotilla run <file> --json`, its line count, the file.\n' +
      '# Regenerate after a deliberate behaviour change: npx vitest run test/golden -u\n';
    await expect(header + lines.join('\n') + '\n').toMatchFileSnapshot('traces.txt');
  });
});
