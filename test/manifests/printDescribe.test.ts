import { describe, expect, it } from 'vitest';
import { describeNode, describePod, describeProbe } from '../../src/manifests/printDescribe';
import { emptyState, makeEvent, makeNode, makePod, MIN, running, S, withObjects } from './printFixtures';

const NOW = 10 * MIN;

describe('describePod', () => {
  it('prints a crash-looping pod in kubectl describe layout', () => {
    const pod = makePod('crash-1', {
      node: 'node-1',
      hostIP: '10.0.0.1',
      ip: '10.244.1.6',
      labels: { app: 'crash' },
      containers: [
        {
          containerID: 'containerd://abc',
          state: { waiting: { reason: 'CrashLoopBackOff' } },
          lastState: {
            terminated: {
              exitCode: 1,
              reason: 'Error',
              startedAt: 9 * MIN + 10 * S,
              finishedAt: 9 * MIN + 15 * S,
            },
          },
          restartCount: 3,
        },
      ],
      conditions: [
        { type: 'PodScheduled', status: 'True', lastTransitionTime: 0 },
        { type: 'Initialized', status: 'True', lastTransitionTime: 0 },
        { type: 'Ready', status: 'False', lastTransitionTime: 0 },
        { type: 'ContainersReady', status: 'False', lastTransitionTime: 0 },
      ],
    });
    pod.status.startTime = 1 * S;
    pod.metadata.ownerReferences = [
      { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'crash-5d4f', uid: 'u', controller: true },
    ];
    pod.spec.tolerations = [
      {
        key: 'node.kubernetes.io/unreachable',
        operator: 'Exists',
        effect: 'NoExecute',
        tolerationSeconds: 300,
      },
      {
        key: 'node.kubernetes.io/not-ready',
        operator: 'Exists',
        effect: 'NoExecute',
        tolerationSeconds: 300,
      },
    ];
    const state = withObjects(emptyState(NOW), {
      pods: [pod],
      events: [
        makeEvent('crash-1.b', {
          kind: 'Pod',
          object: 'crash-1',
          type: 'Warning',
          reason: 'BackOff',
          message: 'Back-off restarting failed container app in pod crash-1_default(uid-crash-1)',
          first: 2 * MIN,
          last: NOW - 45 * S,
          count: 5,
        }),
        makeEvent('crash-1.a', {
          kind: 'Pod',
          object: 'crash-1',
          reason: 'Scheduled',
          message: 'Successfully assigned default/crash-1 to node-1',
          first: 0,
          component: 'default-scheduler',
        }),
        makeEvent('web-1.a', {
          kind: 'Pod',
          object: 'web-1',
          reason: 'Scheduled',
          message: 'not this pod',
          first: 0,
        }),
      ],
    });
    expect(describePod(state, 'default/crash-1', NOW)).toBe(
      [
        'Name:         crash-1',
        'Namespace:    default',
        'Node:         node-1/10.0.0.1',
        'Start Time:   Wed, 01 Jan 2025 00:00:01 +0000',
        'Labels:       app=crash',
        'Annotations:  <none>',
        'Status:       Running',
        'IP:           10.244.1.6',
        'IPs:',
        '  IP:           10.244.1.6',
        'Controlled By:  ReplicaSet/crash-5d4f',
        'Containers:',
        '  app:',
        '    Container ID:   containerd://abc',
        '    Image:          nginx:1.27',
        '    Image ID:       ',
        '    Port:           <none>',
        '    Host Port:      <none>',
        '    State:          Waiting',
        '      Reason:       CrashLoopBackOff',
        '    Last State:     Terminated',
        '      Reason:       Error',
        '      Exit Code:    1',
        '      Started:      Wed, 01 Jan 2025 00:09:10 +0000',
        '      Finished:     Wed, 01 Jan 2025 00:09:15 +0000',
        '    Ready:          False',
        '    Restart Count:  3',
        '    Environment:    <none>',
        '    Mounts:         <none>',
        'Conditions:',
        '  Type              Status',
        '  PodScheduled      True ',
        '  Initialized       True ',
        '  Ready             False ',
        '  ContainersReady   False ',
        'Volumes:            <none>',
        'QoS Class:          BestEffort',
        'Node-Selectors:     <none>',
        'Tolerations:        node.kubernetes.io/not-ready:NoExecute op=Exists for 300s',
        '                    node.kubernetes.io/unreachable:NoExecute op=Exists for 300s',
        'Events:',
        '  Type     Reason     Age               From               Message',
        '  ----     ------     ----              ----               -------',
        '  Normal   Scheduled  10m               default-scheduler  Successfully assigned default/crash-1 to node-1',
        '  Warning  BackOff    45s (x5 over 8m)  kubelet            Back-off restarting failed container app in pod crash-1_default(uid-crash-1)',
        '',
      ].join('\n'),
    );
  });

  it('shows Terminating with how long it has lasted, and Events: <none>', () => {
    const pod = makePod('old-1', { deletionTimestamp: NOW - 20 * S, containers: [running(5 * S)] });
    pod.metadata.deletionGracePeriodSeconds = 30;
    const text = describePod(withObjects(emptyState(NOW), { pods: [pod] }), 'old-1', NOW);
    expect(text).toContain(
      '\nStatus:                    Terminating (lasts 20s)\nTermination Grace Period:  30s\n',
    );
    expect(text.endsWith('Events:             <none>\n')).toBe(true);
  });

  it('answers NotFound like kubectl', () => {
    expect(describePod(emptyState(), 'default/nope', NOW)).toBe(
      'Error from server (NotFound): pods "nope" not found\n',
    );
  });

  it.each([
    [
      { httpGet: { path: '/healthz', port: 8080 } },
      'http-get http://:8080/healthz delay=0s timeout=1s period=10s #success=1 #failure=3',
    ],
    [
      { exec: { command: ['cat', '/tmp/healthy'] }, initialDelaySeconds: 5 },
      'exec [cat /tmp/healthy] delay=5s timeout=1s period=10s #success=1 #failure=3',
    ],
    [
      { tcpSocket: { port: 6379 }, periodSeconds: 5, failureThreshold: 2 },
      'tcp-socket :6379 delay=0s timeout=1s period=5s #success=1 #failure=2',
    ],
  ])('describes probe %j', (probe, text) => {
    expect(describeProbe(probe)).toBe(text);
  });
});

describe('describeNode', () => {
  it('prints a cordoned NotReady node with its pods and allocated resources', () => {
    const node = makeNode('node-2', {
      ready: 'Unknown',
      unschedulable: true,
      ip: '10.0.0.2',
      heartbeat: 1 * MIN,
      taints: [
        { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule', timeAdded: 2 * MIN },
        { key: 'node.kubernetes.io/unreachable', effect: 'NoSchedule', timeAdded: 2 * MIN },
        { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute', timeAdded: 2 * MIN },
      ],
    });
    const ready = node.status.conditions[0];
    if (ready) ready.lastTransitionTime = 110 * S;
    const state = withObjects(emptyState(NOW), {
      nodes: [node],
      pods: [
        makePod('web-2', {
          node: 'node-2',
          requests: { cpu: '250m', memory: '256Mi' },
          limits: { cpu: '0.5', memory: '512Mi' },
          containers: [running(5 * S)],
        }),
        makePod('done-1', { node: 'node-2', phase: 'Succeeded', requests: { cpu: '1' } }),
        makePod('web-3', { node: 'node-1', requests: { cpu: '1' } }),
      ],
      events: [
        makeEvent('node-2.b', {
          kind: 'Node',
          object: 'node-2',
          reason: 'NodeNotSchedulable',
          message: 'Node node-2 status is now: NodeNotSchedulable',
          first: 9 * MIN,
        }),
        makeEvent('node-2.a', {
          kind: 'Node',
          object: 'node-2',
          reason: 'NodeNotReady',
          message: 'Node node-2 status is now: NodeNotReady',
          first: 8 * MIN,
          component: 'node-controller',
        }),
      ],
    });
    expect(describeNode(state, 'node-2', NOW)).toBe(
      [
        'Name:               node-2',
        'Roles:              <none>',
        'Labels:             kubernetes.io/hostname=node-2',
        'Annotations:        <none>',
        'CreationTimestamp:  Wed, 01 Jan 2025 00:00:00 +0000',
        'Taints:             node.kubernetes.io/unreachable:NoExecute',
        '                    node.kubernetes.io/unreachable:NoSchedule',
        '                    node.kubernetes.io/unschedulable:NoSchedule',
        'Unschedulable:      true',
        'Lease:',
        '  HolderIdentity:  node-2',
        '  AcquireTime:     <unset>',
        '  RenewTime:       Wed, 01 Jan 2025 00:01:00 +0000',
        'Conditions:',
        '  Type    Status    LastHeartbeatTime                 LastTransitionTime                Reason              Message',
        '  ----    ------    -----------------                 ------------------                ------              -------',
        '  Ready   Unknown   Wed, 01 Jan 2025 00:01:00 +0000   Wed, 01 Jan 2025 00:01:50 +0000   NodeStatusUnknown   Kubelet stopped posting node status.',
        'Addresses:',
        '  InternalIP:  10.0.0.2',
        '  Hostname:    node-2',
        'Capacity:',
        '  cpu:     2',
        '  memory:  4Gi',
        '  pods:    110',
        'Allocatable:',
        '  cpu:     2',
        '  memory:  4Gi',
        '  pods:    110',
        'System Info:',
        '  Machine ID:                 ',
        '  System UUID:                ',
        '  Boot ID:                    ',
        '  Kernel Version:             6.12.0-flotilla',
        '  OS Image:                   Debian GNU/Linux 12 (bookworm)',
        '  Operating System:           linux',
        '  Architecture:               amd64',
        '  Container Runtime Version:  containerd://2.1.0',
        '  Kubelet Version:            v1.35.0',
        '  Kube-Proxy Version:         v1.35.0',
        'PodCIDR:                      10.244.1.0/24',
        'PodCIDRs:                     10.244.1.0/24',
        'Non-terminated Pods:          (1 in total)',
        '  Namespace                   Name     CPU Requests  CPU Limits  Memory Requests  Memory Limits  Age',
        '  ---------                   ----     ------------  ----------  ---------------  -------------  ---',
        '  default                     web-2    250m (12%)    500m (25%)  256Mi (6%)       512Mi (12%)    10m',
        'Allocated resources:',
        '  (Total limits may be over 100 percent, i.e., overcommitted.)',
        '  Resource           Requests    Limits',
        '  --------           --------    ------',
        '  cpu                250m (12%)  500m (25%)',
        '  memory             256Mi (6%)  512Mi (12%)',
        '  ephemeral-storage  0 (0%)      0 (0%)',
        'Events:',
        '  Type    Reason              Age   From             Message',
        '  ----    ------              ----  ----             -------',
        '  Normal  NodeNotReady        2m    node-controller  Node node-2 status is now: NodeNotReady',
        '  Normal  NodeNotSchedulable  60s   kubelet          Node node-2 status is now: NodeNotSchedulable',
        '',
      ].join('\n'),
    );
  });

  it('takes the lease renew time from the simulated kubelet heartbeats', () => {
    const state = withObjects(emptyState(NOW), { nodes: [makeNode('node-1')] });
    state.nodeRuntime['node-1'] = {
      up: true,
      machine: 'ready',
      heartbeatPhase: 3 * S,
      lastHeartbeat: 0,
      images: {},
      bootedAt: 0,
      nextPodIP: 0,
    };
    expect(describeNode(state, 'node-1', NOW)).toContain(
      '  RenewTime:       Wed, 01 Jan 2025 00:09:53 +0000\n',
    );
  });
});
