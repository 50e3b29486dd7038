import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadManifests } from '../../src/manifests/loadManifests';

// Real-world manifests collected from public repositories (kubernetes/examples, kubernetes/website,
// microservices-demo, ...). They live outside the repository, so CI skips this when they are absent.
const DIR = '/work/shared/realworld/k8s';
const files = existsSync(DIR)
  ? readdirSync(DIR).filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'))
  : [];

describe.skipIf(files.length === 0)('real-world manifests', () => {
  it.each(files)('%s loads, or is refused with located messages', (f) => {
    const r = loadManifests(readFileSync(`${DIR}/${f}`, 'utf8'), f);
    for (const e of [...r.errors, ...r.warnings]) {
      expect(e.file).toBe(f);
      expect(e.line).toBeGreaterThan(0);
      expect(e.column).toBeGreaterThan(0);
      expect(String(e)).toMatch(/^[^:]+:\d+:\d+: /);
    }
    // Every document is accounted for: loaded, ignored (with a warning) or refused (with an error).
    expect(r.objects.length + r.ignored.length + r.errors.length).toBeGreaterThan(0);
    expect(r.warnings.length).toBe(r.ignored.length);
  });

  it('loads every modelled object in them without errors', () => {
    const all = files.map((f) => loadManifests(readFileSync(`${DIR}/${f}`, 'utf8'), f));
    expect(all.flatMap((r) => r.errors.map(String))).toEqual([]);
    expect(all.reduce((n, r) => n + r.objects.length, 0)).toBeGreaterThanOrEqual(20);
  });
});
