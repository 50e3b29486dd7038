/**
 * Odd input never crashes the loader or the conversion: each gives located errors (file:line:col
 * and the field) and no project, or a project whose conversion prints. Found by fuzzing by hand;
 * every case that once crashed or printed nonsense is pinned here.
 */
import { describe, expect, it } from 'vitest';
import { composeToKubernetes, renderConversion } from '../../src/compose';
import { FILE, load, web } from './helpers';

describe('odd compose input gives located errors, never a crash', () => {
  it.each([
    ['an empty file', '', `${FILE}:1:1: expected a map with services:, got nothing`],
    ['a list at the top level', '- a\n- b\n', `${FILE}:1:1: expected a map with services:, got a list`],
    ['services: null', 'services: null\n', `${FILE}:1:11: services: expected a map, got nothing`],
    [
      'a service that is a string',
      'services:\n  web: nginx\n',
      `${FILE}:2:8: services.web: expected a map, got string "nginx"`,
    ],
    ['ports: 5', web('ports: 5'), `${FILE}:4:12: services.web.ports: expected a list, got number 5`],
    [
      'a unicode service name',
      'services:\n  wéb:\n    image: x\n',
      `${FILE}:2:3: services[wéb]: invalid service name "wéb" (expected letters, digits, ".", "_" and "-", starting with a letter or digit)`,
    ],
    [
      'an anchor to a scalar used as a list',
      'x-img: &img nginx\nservices:\n  web:\n    image: *img\n    ports: *img\n',
      `${FILE}:5:12: services.web.ports: expected a list, got string "nginx"`,
    ],
    [
      'a recursive alias',
      'services: &s\n  web:\n    image: x\n    labels: *s\n',
      `${FILE}:4:13: services.web.labels: a YAML alias refers to a node that contains it (a recursive alias)`,
    ],
    [
      'a service named __proto__',
      'services:\n  __proto__:\n    image: x\n',
      `${FILE}:2:3: services.__proto__: invalid service name "__proto__" (expected letters, digits, ".", "_" and "-", starting with a letter or digit)`,
    ],
    [
      'two documents',
      'services:\n  web:\n    image: x\n---\nservices: {}\n',
      `${FILE}:4:1: a second YAML document (---): a compose file is one document; merge them, or split the file`,
    ],
    [
      'replicas past a 32-bit count',
      web('deploy: { replicas: 99999999999999999999 }'),
      `${FILE}:4:25: services.web.deploy.replicas: must be at most 2147483647, got number 100000000000000000000`,
    ],
    [
      'replicas 1e30',
      web('scale: 1e30'),
      `${FILE}:4:12: services.web.scale: must be at most 2147483647, got number 1e+30`,
    ],
    [
      'on-failure with a huge retry count',
      web('restart: on-failure:99999999999999999999'),
      `${FILE}:4:14: services.web.restart: on-failure retries must be at most 2147483647, got 99999999999999999999`,
    ],
    [
      'a memory size past 8 PiB',
      web('mem_limit: 99999999999999999999p'),
      `${FILE}:4:16: services.web.mem_limit: invalid size string "99999999999999999999p" (expected a size such as 512m, 1g, 1.5G or a number of bytes)`,
    ],
    [
      'a million and one CPUs',
      web('cpus: "1000001"'),
      `${FILE}:4:11: services.web.cpus: invalid cpus string "1000001" (expected a number of CPUs such as '0.5' or 2)`,
    ],
    [
      'a duration past the 292 years of a Go duration',
      web('stop_grace_period: 99999999999999999999h'),
      `${FILE}:4:24: services.web.stop_grace_period: invalid duration string "99999999999999999999h" (expected a duration such as 1m30s, 10s or 500ms)`,
    ],
    [
      'max_failure_ratio: true',
      web('deploy:\n  update_config: { max_failure_ratio: true }'),
      `${FILE}:5:43: services.web.deploy.update_config.max_failure_ratio: invalid ratio true (expected a number from 0 to 1)`,
    ],
  ])('%s', (_name, yaml, want) => {
    const r = load(yaml);
    expect(r.project).toBeUndefined();
    expect(r.errors.map(String), JSON.stringify(r.errors.map(String))).toContain(want);
  });

  it('the largest accepted values still convert to valid numbers', () => {
    const r = load(web('deploy: { replicas: 2147483647 }\nmem_limit: 7p\ncpus: 1000000'));
    expect(r.errors.map(String)).toEqual([]);
    const project = r.project;
    if (project === undefined) throw new Error('no project');
    const text = renderConversion(project, composeToKubernetes(project), 'yaml');
    expect(text).toContain('replicas: 2147483647');
    expect(text).toContain('cpu: "1000000"');
    expect(text).toContain('memory: 7168Ti');
    expect(text).not.toMatch(/e\+/);
  });
});
