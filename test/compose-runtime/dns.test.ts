/**
 * The embedded DNS answers only with running containers that share a network with the asking
 * container on its own host: a second project (same host) or a second host is out of reach, by
 * name and by address; a port published on a host's address is reachable from anywhere.
 */
import { describe, expect, it } from 'vitest';
import { embeddedLookup } from '../../src/network/embeddedDns';
import { composeScenario, errorsOf, run } from './helpers';

const at = (host: string, file: string) => `{ host: ${host}, inline: ${file} }`;

describe('embedded DNS', () => {
  const r = run(
    composeScenario({
      hosts: ['host-1', 'host-2'],
      compose: [
        `- ${at('host-1', '{ name: shop, services: { web: { image: web, hostname: www }, db: { image: db, container_name: shop-db } } }')}`,
        `- ${at('host-1', '{ name: blog, services: { db: { image: db } } }')}`,
        `- ${at('host-2', '{ name: other, services: { cache: { image: redis, ports: ["6379:6379"] } } }')}`,
      ].join('\n'),
      extra: 'duration: 20s',
    }),
  );
  const state = r.sim.state;

  it('resolves service names, container names and hostnames on the project network', () => {
    expect(embeddedLookup(state, 'default/shop-web-1', 'db')).toEqual(['default/shop-db']);
    expect(embeddedLookup(state, 'default/shop-web-1', 'shop-db')).toEqual(['default/shop-db']);
    expect(embeddedLookup(state, 'default/shop-db', 'www')).toEqual(['default/shop-web-1']);
    expect(embeddedLookup(state, 'default/shop-db', 'WEB')).toEqual(['default/shop-web-1']);
  });

  it("does not resolve another project's containers on the same host", () => {
    expect(embeddedLookup(state, 'default/blog-db-1', 'web')).toEqual([]);
    // blog's own db answers for blog, shop's for shop.
    expect(embeddedLookup(state, 'default/blog-db-1', 'db')).toEqual(['default/blog-db-1']);
  });

  it("does not resolve another host's containers", () => {
    expect(embeddedLookup(state, 'default/shop-web-1', 'cache')).toEqual([]);
    expect(embeddedLookup(state, 'default/other-cache-1', 'db')).toEqual([]);
  });

  it('gives each project its own subnet on its host; a second host starts over', () => {
    const addr = (k: string) => state.docker?.containers[k]?.addresses;
    expect(addr('default/shop-web-1')).toEqual({ shop_default: '172.18.0.2' });
    expect(addr('default/shop-db')).toEqual({ shop_default: '172.18.0.3' });
    expect(addr('default/blog-db-1')).toEqual({ blog_default: '172.19.0.2' });
    expect(addr('default/other-cache-1')).toEqual({ other_default: '172.18.0.2' });
  });
});

describe('requests between hosts', () => {
  const scenario = (calls: string, timeline = '') =>
    composeScenario({
      hosts: ['host-1', 'host-2'],
      compose: [
        `- ${at('host-1', '{ name: front, services: { web: { image: web, ports: ["5000:80"] } } }')}`,
        `- ${at('host-2', '{ name: back, services: { db: { image: db, ports: ["3306:3306"] } } }')}`,
      ].join('\n'),
      extra: [
        'traffic:',
        '  - { name: v, from: external, to: "http://host-1:5000", rate: 10/s, start: 10s, calls: [{ name: db, to: ' +
          calls +
          ' }] }',
        timeline,
        'duration: 20s',
      ].join('\n'),
    });

  it('fail by name with NXDOMAIN from the other host', () => {
    const r = run(scenario('"db:3306"'));
    const sample = r.sim.trace.find(
      (x) => x.type === 'request' && (x as unknown as { flow: string }).flow === 'v/db',
    ) as Record<string, unknown> | undefined;
    expect(sample).toMatchObject({
      client: 'default/front-web-1',
      dns: { query: 'db', answer: 'NXDOMAIN' },
      outcome: 'nxdomain',
    });
    expect(r.sim.state.network?.stats['v']).toMatchObject({ successes: 0, failures: { downstream: 100 } });
  });

  it("succeed through the port published on the other host's address", () => {
    const r = run(scenario('"tcp://192.168.0.12:3306"'));
    expect(r.sim.state.network?.stats['v/db']).toMatchObject({ requests: 100, successes: 100 });
    const sample = r.sim.trace.find(
      (x) => x.type === 'request' && (x as unknown as { flow: string }).flow === 'v/db',
    );
    expect(sample).toMatchObject({ endpoint: { port: 3306, pod: 'default/back-db-1', node: 'host-2' } });
  });

  it('time out when the other host is down', () => {
    const r = run(scenario('"host-2:3306"', 'timeline: [{ at: 15s, action: failNode, node: host-2 }]'));
    expect(r.sim.state.network?.stats['v/db']).toMatchObject({
      requests: 100,
      successes: 40,
      failures: { timeout: 60 },
    });
  });

  it('a port nobody publishes is a located error when the scenario loads', () => {
    expect(errorsOf(scenario('"host-2:3307"'))).toEqual([
      'traffic[0].calls[0].to: no container publishes port 3307 on host-2',
    ]);
  });
});
