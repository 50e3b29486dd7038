import { describe, expect, it } from 'vitest';
import {
  imageLocalityScore,
  MIN_THRESHOLD,
  normalizedImageName,
} from '../../../src/scheduler/plugins/imageLocality';
import { numFeasibleNodesToFind } from '../../../src/scheduler/numFeasibleNodes';
import { portsConflict } from '../../../src/scheduler/plugins/nodePorts';
import {
  brokenLinear,
  mostAllocatedScore,
  requestedToCapacityRatioScore,
} from '../../../src/scheduler/plugins/scoringStrategy';

const cpuMem = [
  { name: 'cpu', weight: 1 },
  { name: 'memory', weight: 1 },
];

describe('numFeasibleNodesToFind (K schedule_one.go)', () => {
  it.each([
    [undefined, 50, 50], // below 100 nodes: all of them
    [undefined, 100, 100], // 50 - 0 = 50% of 100 = 50 -> at least 100
    [undefined, 1000, 420], // 50 - 8 = 42%
    [undefined, 5000, 500], // 50 - 40 = 10%
    [undefined, 6000, 300], // 50 - 48 = 2% -> 5%
    [30, 1000, 300],
    [100, 1000, 1000],
  ])('pct %s of %i nodes -> %i', (pct, n, want) => expect(numFeasibleNodesToFind(pct, n)).toBe(want));
});

describe('MostAllocated and RequestedToCapacityRatio', () => {
  it.each([
    { name: 'half and quarter', req: [1000, 2 ** 30], alloc: [2000, 4 * 2 ** 30], want: 37 }, // (50 + 25) / 2
    { name: 'over capacity clamps to 100', req: [3000, 0], alloc: [2000, 4 * 2 ** 30], want: 50 },
    { name: 'zero capacity is skipped', req: [500, 0], alloc: [1000, 0], want: 50 },
  ])('MostAllocated $name', ({ req, alloc, want }) =>
    expect(mostAllocatedScore(req, alloc, cpuMem)).toBe(want),
  );

  const shape = [
    { utilization: 0, score: 0 },
    { utilization: 100, score: 100 },
  ];
  it.each([
    [shape, 0, 0],
    [shape, 33, 33],
    [
      [
        { utilization: 10, score: 20 },
        { utilization: 50, score: 80 },
      ],
      5,
      20,
    ], // flat before the first point
    [
      [
        { utilization: 10, score: 20 },
        { utilization: 50, score: 80 },
      ],
      30,
      50,
    ], // 20 + 60*20/40
    [
      [
        { utilization: 10, score: 20 },
        { utilization: 50, score: 80 },
      ],
      99,
      80,
    ], // flat after the last
    [
      [
        { utilization: 0, score: 100 },
        { utilization: 30, score: 0 },
      ],
      10,
      67,
    ], // 100 + (-100*10)/30 truncates toward 0: -33
  ])('broken line %j at %i -> %i', (s, p, want) => expect(brokenLinear(s, p)).toBe(want));

  it('RequestedToCapacityRatio leaves resources scoring 0 out and rounds', () => {
    // cpu 25% -> 25; memory 0% -> 0 (left out): 25
    expect(requestedToCapacityRatioScore([500, 0], [2000, 4 * 2 ** 30], cpuMem, shape)).toBe(25);
    // cpu 25, memory 50 with weights 1 and 2: (25 + 100) / 3 = 41.67 -> 42
    expect(
      requestedToCapacityRatioScore(
        [500, 2 * 2 ** 30],
        [2000, 4 * 2 ** 30],
        [cpuMem[0]!, { name: 'memory', weight: 2 }],
        shape,
      ),
    ).toBe(42);
  });
});

describe('ImageLocality (simplified sizes)', () => {
  it.each([
    ['nginx', 'nginx:latest'],
    ['nginx:1.27', 'nginx:1.27'],
    ['registry:5000/app', 'registry:5000/app:latest'],
    ['app@sha256:abc', 'app@sha256:abc'],
  ])('normalizes %s to %s', (a, b) => expect(normalizedImageName(a)).toBe(b));
  it.each([
    [0, 1, 0],
    [MIN_THRESHOLD, 1, 0],
    [500 * 1024 * 1024, 1, 49], // (500-23)MiB*100/(1000-23)MiB = 48.8 -> 48? integer division
    [5000 * 1024 * 1024, 1, 100],
  ])('sum %i over %i containers', (sum, n, want) => {
    const expected = Math.trunc(
      (100 * (Math.min(Math.max(sum, MIN_THRESHOLD), 1000 * 1024 * 1024 * n) - MIN_THRESHOLD)) /
        (1000 * 1024 * 1024 * n - MIN_THRESHOLD),
    );
    expect(imageLocalityScore(sum, n)).toBe(expected);
    if (want === 0 || want === 100) expect(expected).toBe(want);
  });
});

describe('NodePorts', () => {
  it.each([
    [{ ip: '0.0.0.0', protocol: 'TCP', port: 80 }, { ip: '10.0.0.1', protocol: 'TCP', port: 80 }, true],
    [{ ip: '10.0.0.2', protocol: 'TCP', port: 80 }, { ip: '10.0.0.1', protocol: 'TCP', port: 80 }, false],
    [{ ip: '0.0.0.0', protocol: 'UDP', port: 80 }, { ip: '0.0.0.0', protocol: 'TCP', port: 80 }, false],
  ])('%j vs %j conflict: %s', (a, b, want) => expect(portsConflict(a, b)).toBe(want));
});
