import { describe, expect, it } from 'vitest';
import { parseSchedulerConfig } from '../../../src/scheduler/config/parseConfig';
import { profileFromConfig } from '../../../src/scheduler/config/profileFromConfig';

describe('parseSchedulerConfig', () => {
  it('defaults to one default-scheduler profile with every default plugin', () => {
    const { profiles, issues } = parseSchedulerConfig({
      apiVersion: 'kubescheduler.config.k8s.io/v1',
      kind: 'KubeSchedulerConfiguration',
    });
    expect(issues).toEqual([]);
    const p = profileFromConfig(profiles[0]!);
    expect(p.schedulerName).toBe('default-scheduler');
    expect(p.filters.map((f) => f.name)).toEqual([
      'NodeUnschedulable',
      'NodeName',
      'TaintToleration',
      'NodeAffinity',
      'NodePorts',
      'NodeResourcesFit',
      'PodTopologySpread',
      'InterPodAffinity',
    ]);
    expect(p.scorers.map((s) => [s.name, s.weight])).toEqual([
      ['TaintToleration', 3],
      ['NodeAffinity', 2],
      ['NodeResourcesFit', 1],
      ['PodTopologySpread', 2],
      ['InterPodAffinity', 2],
      ['NodeResourcesBalancedAllocation', 1],
      ['ImageLocality', 1],
    ]);
    expect(p.postFilter?.name).toBe('DefaultPreemption');
  });

  it('applies weights, disabled plugins, args and percentageOfNodesToScore per profile', () => {
    const { profiles, issues } = parseSchedulerConfig({
      percentageOfNodesToScore: 30,
      profiles: [
        { schedulerName: 'a' },
        {
          schedulerName: 'b',
          percentageOfNodesToScore: 70,
          plugins: {
            score: {
              enabled: [{ name: 'NodeResourcesFit', weight: 5 }],
              disabled: [{ name: 'ImageLocality' }],
            },
            postFilter: { disabled: [{ name: 'DefaultPreemption' }] },
          },
          pluginConfig: [
            {
              name: 'NodeResourcesFit',
              args: {
                scoringStrategy: {
                  type: 'RequestedToCapacityRatio',
                  requestedToCapacityRatio: {
                    shape: [
                      { utilization: 0, score: 0 },
                      { utilization: 100, score: 10 },
                    ],
                  },
                },
              },
            },
          ],
        },
      ],
    });
    expect(issues).toEqual([]);
    const [a, b] = profiles.map(profileFromConfig);
    expect(a!.percentageOfNodesToScore).toBe(30);
    expect(b!.percentageOfNodesToScore).toBe(70);
    expect(b!.scorers.find((s) => s.name === 'NodeResourcesFit')?.weight).toBe(5);
    expect(b!.scorers.some((s) => s.name === 'ImageLocality')).toBe(false);
    expect(b!.postFilter).toBeUndefined();
    expect(profiles[1]!.args.fitStrategy).toEqual({
      type: 'RequestedToCapacityRatio',
      resources: [
        { name: 'cpu', weight: 1 },
        { name: 'memory', weight: 1 },
      ],
      shape: [
        { utilization: 0, score: 0 },
        { utilization: 100, score: 100 },
      ],
    });
  });

  it.each([
    [
      { apiVersion: 'kubescheduler.config.k8s.io/v1beta3' },
      ['apiVersion'],
      'unsupported apiVersion "kubescheduler.config.k8s.io/v1beta3"',
    ],
    [
      { profiles: [{ plugins: { score: { enabled: [{ name: 'NodeResourceFit' }] } } }] },
      ['profiles', 0, 'plugins', 'score', 'enabled', 0, 'name'],
      'unknown plugin "NodeResourceFit"',
    ],
    [
      { profiles: [{ plugins: { score: { enabled: [{ name: 'ImageLocality', weight: 0 }] } } }] },
      ['profiles', 0, 'plugins', 'score', 'enabled', 0, 'weight'],
      'must be an integer from 1 to 100, got 0',
    ],
    [
      { percentageOfNodesToScore: 120 },
      ['percentageOfNodesToScore'],
      'must be an integer from 0 to 100, got 120',
    ],
    [
      { profiles: [{}, {}] },
      ['profiles', 1, 'schedulerName'],
      'duplicate schedulerName "default-scheduler" (also profiles[0])',
    ],
    [
      {
        profiles: [
          { pluginConfig: [{ name: 'NodeResourcesFit', args: { scoringStrategy: { type: 'Fancy' } } }] },
        ],
      },
      ['profiles', 0, 'pluginConfig', 0, 'args', 'scoringStrategy', 'type'],
      'unsupported scoring strategy "Fancy"',
    ],
    [
      {
        profiles: [
          {
            pluginConfig: [
              {
                name: 'PodTopologySpread',
                args: {
                  defaultConstraints: [
                    { maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'ScheduleAnyway' },
                  ],
                },
              },
            ],
          },
        ],
      },
      ['profiles', 0, 'pluginConfig', 0, 'args', 'defaultConstraints'],
      'when .defaultingType is "System", .defaultConstraints must be empty',
    ],
    [
      {
        profiles: [
          {
            pluginConfig: [
              {
                name: 'NodeResourcesFit',
                args: {
                  scoringStrategy: {
                    type: 'RequestedToCapacityRatio',
                    requestedToCapacityRatio: {
                      shape: [
                        { utilization: 50, score: 1 },
                        { utilization: 10, score: 2 },
                      ],
                    },
                  },
                },
              },
            ],
          },
        ],
      },
      [
        'profiles',
        0,
        'pluginConfig',
        0,
        'args',
        'scoringStrategy',
        'requestedToCapacityRatio',
        'shape',
        1,
        'utilization',
      ],
      'utilization values must be sorted in increasing order',
    ],
    [{ profile: [] }, ['profile'], 'unknown field "profile"'],
  ])('rejects %j at its path', (raw, path, message) => {
    const { issues } = parseSchedulerConfig(raw);
    expect(issues).toContainEqual(expect.objectContaining({ path, message }));
  });
});
