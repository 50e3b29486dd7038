import { describe, expect, it } from 'vitest';
import type { Container, Pod } from '../../src/model/objects';
import type { ResourceList } from '../../src/model/quantity';
import {
  addResources,
  containerRequests,
  DEFAULT_MEMORY_REQUEST,
  DEFAULT_MILLI_CPU_REQUEST,
  podNonZeroRequests,
  podRequests,
} from '../../src/model/resources';

const MI = 2 ** 20;

type Res = { requests?: Record<string, string>; limits?: Record<string, string> };

function container(name: string, resources?: Res): Container {
  return { name, image: 'nginx', ...(resources ? { resources } : {}) };
}

function pod(containers: (Res | undefined)[], initContainers: (Res | undefined)[] = []): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p', namespace: 'default', uid: 'uid-p', creationTimestamp: 0 },
    spec: {
      containers: containers.map((r, i) => container(`c${i}`, r)),
      ...(initContainers.length > 0
        ? { initContainers: initContainers.map((r, i) => container(`init${i}`, r)) }
        : {}),
      restartPolicy: 'Always',
      terminationGracePeriodSeconds: 30,
      schedulerName: 'default-scheduler',
    },
    status: { phase: 'Pending', conditions: [], containerStatuses: [] },
  };
}

describe('containerRequests', () => {
  it.each<{ name: string; input: Res | undefined; want: ResourceList }>([
    { name: 'no resources', input: undefined, want: {} },
    {
      name: 'requests',
      input: { requests: { cpu: '250m', memory: '64Mi' } },
      want: { cpu: 250, memory: 64 * MI },
    },
    {
      name: 'limits count as requests',
      input: { limits: { cpu: '1', memory: '1Gi' } },
      want: { cpu: 1000, memory: 1024 * MI },
    },
    {
      name: 'a request wins over its limit, other limits fill in',
      input: { requests: { cpu: '250m' }, limits: { cpu: '1', memory: '512Mi' } },
      want: { cpu: 250, memory: 512 * MI },
    },
    {
      name: 'extended resource limit',
      input: { limits: { 'nvidia.com/gpu': '1' } },
      want: { 'nvidia.com/gpu': 1 },
    },
    {
      name: 'invalid quantities are skipped',
      input: { requests: { cpu: 'abc', memory: '1Mi' } },
      want: { memory: MI },
    },
  ])('$name', ({ input, want }) => {
    expect(containerRequests(container('c', input))).toEqual(want);
  });
});

describe('podRequests', () => {
  it.each<{
    name: string;
    input: { containers: (Res | undefined)[]; init?: (Res | undefined)[] };
    want: ResourceList;
  }>([
    { name: 'no resources at all', input: { containers: [undefined] }, want: {} },
    {
      name: 'sum over containers',
      input: {
        containers: [
          { requests: { cpu: '100m', memory: '128Mi' } },
          { requests: { cpu: '200m', memory: '64Mi' } },
        ],
      },
      want: { cpu: 300, memory: 192 * MI },
    },
    {
      name: 'a bigger init container raises one resource',
      input: {
        containers: [
          { requests: { cpu: '100m', memory: '128Mi' } },
          { requests: { cpu: '200m', memory: '64Mi' } },
        ],
        init: [{ requests: { cpu: '500m', memory: '64Mi' } }],
      },
      want: { cpu: 500, memory: 192 * MI },
    },
    {
      name: 'init containers count one at a time (max, not sum)',
      input: {
        containers: [{ requests: { cpu: '100m' } }],
        init: [{ requests: { cpu: '1' } }, { requests: { cpu: '2' } }],
      },
      want: { cpu: 2000 },
    },
    {
      name: 'a smaller init container changes nothing',
      input: {
        containers: [{ requests: { cpu: '1', memory: '1Gi' } }],
        init: [{ requests: { cpu: '100m', memory: '10Mi' } }],
      },
      want: { cpu: 1000, memory: 1024 * MI },
    },
    {
      name: 'a resource only an init container asks for',
      input: { containers: [{ requests: { cpu: '100m' } }], init: [{ requests: { memory: '1Gi' } }] },
      want: { cpu: 100, memory: 1024 * MI },
    },
    {
      name: 'limits as requests, summed',
      input: { containers: [{ limits: { cpu: '1', memory: '1Gi' } }, { requests: { cpu: '500m' } }] },
      want: { cpu: 1500, memory: 1024 * MI },
    },
    {
      name: 'extended resources',
      input: { containers: [{ limits: { 'nvidia.com/gpu': '1' } }, { limits: { 'nvidia.com/gpu': '2' } }] },
      want: { 'nvidia.com/gpu': 3 },
    },
  ])('$name', ({ input, want }) => {
    expect(podRequests(pod(input.containers, input.init))).toEqual(want);
  });
});

describe('podNonZeroRequests', () => {
  it('uses the scheduler defaults 100m and 200Mi', () => {
    expect(DEFAULT_MILLI_CPU_REQUEST).toBe(100);
    expect(DEFAULT_MEMORY_REQUEST).toBe(209_715_200);
  });

  it.each<{ name: string; input: (Res | undefined)[]; want: ResourceList }>([
    { name: 'no requests: both defaults', input: [undefined], want: { cpu: 100, memory: 200 * MI } },
    { name: 'defaults per container', input: [undefined, {}], want: { cpu: 200, memory: 400 * MI } },
    {
      name: 'cpu only: memory defaults',
      input: [{ requests: { cpu: '250m' } }],
      want: { cpu: 250, memory: 200 * MI },
    },
    {
      name: 'memory only: cpu defaults',
      input: [{ requests: { memory: '1Gi' } }],
      want: { cpu: 100, memory: 1024 * MI },
    },
    {
      name: 'explicit zero cpu stays zero',
      input: [{ requests: { cpu: '0' } }],
      want: { cpu: 0, memory: 200 * MI },
    },
    {
      name: 'explicit zeros stay zero',
      input: [{ requests: { cpu: '0', memory: '0' } }],
      want: { cpu: 0, memory: 0 },
    },
    {
      name: 'a limit counts as the request',
      input: [{ limits: { cpu: '2' } }],
      want: { cpu: 2000, memory: 200 * MI },
    },
    {
      name: 'mixed containers',
      input: [{ requests: { cpu: '300m', memory: '100Mi' } }, undefined],
      want: { cpu: 400, memory: 300 * MI },
    },
    {
      name: 'extended resources pass through',
      input: [{ limits: { 'nvidia.com/gpu': '1' } }],
      want: { cpu: 100, memory: 200 * MI, 'nvidia.com/gpu': 1 },
    },
  ])('$name', ({ input, want }) => {
    expect(podNonZeroRequests(pod(input))).toEqual(want);
  });
});

describe('addResources', () => {
  it('adds per resource into the first list', () => {
    const into: ResourceList = { cpu: 100, memory: 10 };
    addResources(into, { cpu: 50, pods: 1 });
    expect(into).toEqual({ cpu: 150, memory: 10, pods: 1 });
  });
});

describe('podNonZeroRequests counts init containers like podRequests', () => {
  it('an init container larger than the sum raises the scoring request', () => {
    const pod = {
      spec: {
        initContainers: [{ name: 'init', image: 'i', resources: { requests: { cpu: '1' } } }],
        containers: [{ name: 'c', image: 'c', resources: { requests: { cpu: '100m' } } }],
      },
    } as unknown as Pod;
    expect(podNonZeroRequests(pod).cpu).toBe(1000);
    expect(podNonZeroRequests(pod).memory).toBe(200 * 1024 * 1024);
  });
});
