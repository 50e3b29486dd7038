/**
 * depends_on through `compose up`: services start in dependency order, each once its conditions
 * hold (service_started, service_healthy, service_completed_successfully); a failed condition
 * stops `up` with Compose's message and the dependent containers stay Created.
 */
import { describe, expect, it } from 'vitest';
import { getIn } from '../../src/model/sharded';
import { startOrder } from '../../src/orchestrators/compose';
import { composeScenario, eventsOf, load, run } from './helpers';

function project(services: string, duration = '60s'): string {
  return composeScenario({
    compose: ['inline:', '  services:', ...services.split('\n').map((l) => `    ${l}`)].join('\n'),
    extra: `duration: ${duration}`,
  });
}

const startOf = (r: ReturnType<typeof run>, c: string) => eventsOf(r, c).find(([, e]) => e === 'start')?.[0];
const upEvents = (r: ReturnType<typeof run>) =>
  r.sim.trace
    .filter((x) => x.type === 'event' && (x as { source: string }).source === 'compose')
    .map((x) => (x as { message: string }).message);

const db = (behaviour: string) =>
  [
    'db:',
    '  image: mysql:5.7',
    '  healthcheck:',
    '    test: ["CMD", "mysqladmin", "ping"]',
    '    interval: 5s',
    '    retries: 2',
    '  labels:',
    `    flotilla.dev/behaviour: '${behaviour}'`,
  ].join('\n');

describe('startOrder', () => {
  it('puts dependencies first, otherwise file order', () => {
    const s = load(
      project(
        'web:\n  image: web\n  depends_on: [api]\napi:\n  image: api\n  depends_on: [db]\ndb:\n  image: db\nworker:\n  image: w',
      ),
    );
    expect(startOrder(s.compose?.[0]?.project as NonNullable<typeof s.compose>[number]['project'])).toEqual([
      'db',
      'api',
      'web',
      'worker',
    ]);
  });
});

describe('compose up', () => {
  it('service_started (the short form): the dependent starts once its dependency has started', () => {
    const r = run(project('web:\n  image: web\n  depends_on: [db]\ndb:\n  image: db'));
    expect(startOf(r, 't-db-1')).toBe(6);
    expect(startOf(r, 't-web-1')).toBe(7);
  });

  it('service_healthy: the dependent waits for the first healthy check', () => {
    // db starts at 6 s and answers from 14 s; checks every 5 s: 11 (fails, 1 of 2), 16 (healthy).
    const r = run(
      project(
        `web:\n  image: web\n  depends_on:\n    db: { condition: service_healthy }\n${db('{"startupDelay": "8s"}')}`,
      ),
    );
    expect(eventsOf(r, 't-db-1')).toEqual([
      [5, 'create'],
      [6, 'start'],
      [16, 'health_status: healthy'],
    ]);
    expect(startOf(r, 't-web-1')).toBe(17);
    expect(upEvents(r)).toEqual([]);
  });

  it('service_healthy: an unhealthy dependency fails up, and the dependent stays Created', () => {
    const r = run(
      project(
        `web:\n  image: web\n  depends_on:\n    db: { condition: service_healthy }\n${db('{"startupDelay": "1h"}')}`,
      ),
    );
    expect(upEvents(r)).toEqual(['dependency failed to start: container t-db-1 is unhealthy']);
    expect(startOf(r, 't-web-1')).toBeUndefined();
    const web = getIn(r.sim.state.pods, 'default/t-web-1');
    expect(web?.status.phase).toBe('Pending');
    expect(web?.status.containerStatuses[0]?.state.waiting?.reason).toBe('Created');
    expect(r.sim.state.docker?.projects['host-1/t']?.phase).toBe('failed');
  });

  it('service_healthy on a service without a healthcheck fails up', () => {
    const r = run(
      project('web:\n  image: web\n  depends_on:\n    db: { condition: service_healthy }\ndb:\n  image: db'),
    );
    expect(upEvents(r)).toEqual([
      'dependency failed to start: container t-db-1 has no healthcheck configured',
    ]);
  });

  it('service_completed_successfully: the dependent starts after the dependency exited 0', () => {
    const r = run(
      project(
        `web:\n  image: web\n  depends_on:\n    migrate: { condition: service_completed_successfully }\nmigrate:\n  image: migrate\n  labels:\n    flotilla.dev/behaviour: '{"crashAfter": "2s", "exitCode": 0}'`,
      ),
    );
    expect(eventsOf(r, 't-migrate-1').map(([t, e]) => `${t} ${e}`)).toEqual(['5 create', '6 start', '8 die']);
    expect(startOf(r, 't-web-1')).toBe(9);
  });

  it('service_completed_successfully: a failed dependency fails up', () => {
    const r = run(
      project(
        `web:\n  image: web\n  depends_on:\n    migrate: { condition: service_completed_successfully }\nmigrate:\n  image: migrate\n  labels:\n    flotilla.dev/behaviour: '{"crashAfter": "2s", "exitCode": 3}'`,
      ),
    );
    expect(upEvents(r)).toEqual(['service "migrate" didn\'t complete successfully: exit 3']);
    expect(startOf(r, 't-web-1')).toBeUndefined();
  });

  it('an optional dependency (required: false) that fails is skipped', () => {
    const r = run(
      project(
        `web:\n  image: web\n  depends_on:\n    db: { condition: service_healthy, required: false }\n${db('{"startupDelay": "1h"}')}`,
      ),
    );
    // db unhealthy at 16 s (checks at 11 and 16, 2 retries): web starts anyway.
    expect(upEvents(r)).toEqual([]);
    expect(startOf(r, 't-web-1')).toBe(17);
  });

  it('a dependency scaled to 0 is not waited for', () => {
    const r = run(
      project(
        `web:\n  image: web\n  depends_on:\n    db: { condition: service_healthy }\n${db('{}')}\n  deploy: { replicas: 0 }`,
      ),
    );
    expect(startOf(r, 't-web-1')).toBe(6);
  });

  it('independent services start together; replicas are numbered from 1', () => {
    const r = run(project('web:\n  image: web\n  deploy: { replicas: 2 }\nworker:\n  image: w'));
    expect(startOf(r, 't-web-1')).toBe(6);
    expect(startOf(r, 't-web-2')).toBe(6);
    expect(startOf(r, 't-worker-1')).toBe(6);
    const labels = getIn(r.sim.state.pods, 'default/t-web-2')?.metadata.labels;
    expect(labels).toMatchObject({
      'com.docker.compose.project': 't',
      'com.docker.compose.service': 'web',
      'com.docker.compose.container-number': '2',
      'com.docker.compose.oneoff': 'False',
    });
  });
});
