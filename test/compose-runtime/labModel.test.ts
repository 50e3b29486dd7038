/** The lab's node cards show a compose run's containers on their hosts, at any time the lab seeks to. */
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { clusterModel } from '../../web/clusterModel';
import { prepareRun } from '../../web/labRun';

const podsBy = (cards: ReturnType<typeof clusterModel>) =>
  Object.fromEntries(
    cards.map((c) => [
      c.name,
      (c as unknown as { pods: { name: string; status: string }[] }).pods.map((p) => `${p.name} ${p.status}`),
    ]),
  );

it('compose-host-dies: up on host-1, Unknown while it is down, back on host-1, never on host-2', () => {
  const path = 'scenarios/compose-host-dies.yaml';
  const r = prepareRun(readFileSync(path, 'utf8'), path);
  if (!r.ok) throw new Error(r.error);
  const at = (t: number) => {
    r.run.sim.seek(t);
    return podsBy(clusterModel(r.run.sim.state));
  };
  expect(at(0)).toEqual({ 'host-1': [], 'host-2': [] });
  expect(at(30_000)).toEqual({ 'host-1': ['tooling-db-1 Running', 'tooling-web-1 Running'], 'host-2': [] });
  expect(at(240_000)).toEqual({ 'host-1': ['tooling-db-1 Unknown', 'tooling-web-1 Unknown'], 'host-2': [] });
  expect(at(400_000)).toEqual({ 'host-1': ['tooling-db-1 Running', 'tooling-web-1 Running'], 'host-2': [] });
});
