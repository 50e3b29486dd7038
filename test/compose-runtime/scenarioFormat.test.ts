/** The compose: block of a scenario: located errors for what cannot run on Docker hosts. */
import { describe, expect, it } from 'vitest';
import { composeScenario, errorsOf, load } from './helpers';

const web = '{ services: { web: { image: web, ports: ["5000:80"] } } }';

describe('compose scenarios', () => {
  it('load a file next to the scenario, named after its name: key, on the first node by default', () => {
    const s = load(composeScenario({ compose: 'file: ../../scenarios/compose/tooling.yaml' }));
    expect(s.orchestrator).toBe('compose');
    expect(s.compose?.map((d) => [d.host, d.project.name, d.project.services.map((x) => x.name)])).toEqual([
      ['host-1', 'tooling', ['web', 'db']],
    ]);
  });

  it('name an inline project after the scenario, or after project:', () => {
    expect(load(composeScenario({ compose: `inline: ${web}` })).compose?.[0]?.project.name).toBe('t');
    expect(
      load(composeScenario({ compose: `{ inline: ${web}, project: shop }` })).compose?.[0]?.project.name,
    ).toBe('shop');
  });

  it.each([
    ['an unknown host', `{ inline: ${web}, host: host-9 }`, '', ['compose.host: unknown host "host-9"']],
    [
      'both file and inline',
      `{ inline: ${web}, file: x.yaml }`,
      '',
      ['compose: give exactly one of "file" or "inline"'],
    ],
    [
      'a file that is not there',
      '{ file: nowhere.yaml }',
      '',
      ['compose.file: cannot read "nowhere.yaml" (looked for test/compose-runtime/nowhere.yaml)'],
    ],
    [
      'a Kubernetes-only timeline action',
      `inline: ${web}`,
      'timeline: [{ at: 1s, action: drain, node: host-1 }]',
      ['timeline[0].action: "drain" does not exist on a Docker host'],
    ],
    [
      'a container name that does not exist',
      `inline: ${web}`,
      'timeline: [{ at: 1s, action: crashContainer, pod: t-db-1 }]',
      ['timeline[0].pod: no container named "t-db-1"'],
    ],
    [
      'Kubernetes objects',
      `inline: ${web}`,
      'apply: [{ apiVersion: v1, kind: Namespace, metadata: { name: x } }]',
      ['apply: apply: holds Kubernetes objects; under compose the services come from compose:'],
    ],
    [
      'a port published twice on a host',
      `[{ inline: ${web}, project: a }, { inline: ${web}, project: b }]`,
      '',
      [
        'compose[1]: b-web-1 publishes port 5000 on host-1, already published by a-web-1 (Docker: port is already allocated)',
      ],
    ],
    [
      'a flow to a name nothing answers',
      `inline: ${web}`,
      'traffic: [{ name: v, from: com.docker.compose.service=web, to: "dbb:3306", rate: 1/s }]',
      ['traffic[0].to: unknown name "dbb": no compose service, container or host is called that'],
    ],
  ])('refuse %s', (_name, compose, extra, want) => {
    expect(errorsOf(composeScenario({ compose, extra }))).toEqual(want);
  });

  it('refuses the same container name on two hosts', () => {
    const errors = errorsOf(
      composeScenario({
        hosts: ['host-1', 'host-2'],
        compose: `[{ inline: ${web}, project: a, host: host-1 }, { inline: ${web}, project: a, host: host-2 }]`,
      }),
    );
    expect(errors).toEqual([
      'compose[1]: container name "a-web-1" is taken (by host-1/a); Flotilla needs container names unique across hosts',
    ]);
  });

  it('refuses compose: under kubernetes, and reports compose file errors with their location', () => {
    expect(
      errorsOf(`name: t\nnodes: [{ name: n, capacity: { cpu: "1" } }]\ncompose: { file: x.yaml }\n`),
    ).toEqual([expect.stringMatching(/^compose: compose: needs orchestrator: compose/)]);
    const errors = errorsOf(composeScenario({ compose: 'inline: { services: { web: { ports: ["x"] } } }' }));
    expect(errors.length).toBeGreaterThan(0);
  });
});
