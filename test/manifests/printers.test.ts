import { describe, expect, it } from 'vitest';
import { deleteIn } from '../../src/model/sharded';
import type { ContainerStatus, PodCondition } from '../../src/model/objects';
import {
  printDeployments,
  printEvents,
  printNodes,
  printPods,
  printReplicaSets,
  summarizePod,
} from '../../src/manifests';
import {
  emptyState,
  makeDeployment,
  makeEvent,
  makeNode,
  makePod,
  makeReplicaSet,
  MIN,
  running,
  S,
  withObjects,
} from './printFixtures';

const NOW = 10 * MIN;

function podsState() {
  return withObjects(emptyState(NOW), {
    pods: [
      makePod('web-1', {
        node: 'node-1',
        ip: '10.244.1.5',
        containers: [{ ...running(5 * S), restartCount: 0 }],
      }),
      makePod('crash-1', {
        node: 'node-1',
        ip: '10.244.1.6',
        containers: [
          {
            state: {
              waiting: { reason: 'CrashLoopBackOff', message: 'back-off 40s restarting failed container' },
            },
            lastState: {
              terminated: { exitCode: 1, reason: 'Error', startedAt: NOW - 50 * S, finishedAt: NOW - 45 * S },
            },
            restartCount: 3,
          },
        ],
      }),
      makePod('old-1', { node: 'node-2', deletionTimestamp: NOW - 20 * S, containers: [running(5 * S)] }),
      makePod('pending-1', { phase: 'Pending', created: NOW - 30 * S }),
      makePod('dns-1', { namespace: 'kube-system', node: 'node-1', containers: [running(2 * S)] }),
    ],
  });
}

describe('printPods', () => {
  it('prints kubectl get pods for the default namespace, sorted by name', () => {
    expect(printPods(podsState(), NOW)).toBe(
      [
        'NAME        READY   STATUS             RESTARTS      AGE',
        'crash-1     0/1     CrashLoopBackOff   3 (45s ago)   10m',
        'old-1       1/1     Terminating        0             10m',
        'pending-1   0/1     Pending            0             30s',
        'web-1       1/1     Running            0             10m',
        '',
      ].join('\n'),
    );
  });

  it('prints -o wide with IP, NODE, NOMINATED NODE and READINESS GATES', () => {
    const state = podsState();
    deleteIn(state.pods, 'default/crash-1');
    deleteIn(state.pods, 'default/old-1');
    expect(printPods(state, NOW, { wide: true })).toBe(
      [
        'NAME        READY   STATUS    RESTARTS   AGE   IP           NODE     NOMINATED NODE   READINESS GATES',
        'pending-1   0/1     Pending   0          30s   <none>       <none>   <none>           <none>',
        'web-1       1/1     Running   0          10m   10.244.1.5   node-1   <none>           <none>',
        '',
      ].join('\n'),
    );
  });

  it('puts a NAMESPACE column first with allNamespaces, ordered by namespace then name', () => {
    const state = podsState();
    for (const k of ['default/crash-1', 'default/old-1', 'default/pending-1']) deleteIn(state.pods, k);
    expect(printPods(state, NOW, { allNamespaces: true })).toBe(
      [
        'NAMESPACE     NAME    READY   STATUS    RESTARTS   AGE',
        'default       web-1   1/1     Running   0          10m',
        'kube-system   dns-1   1/1     Running   0          10m',
        '',
      ].join('\n'),
    );
  });

  it('says No resources found like kubectl', () => {
    expect(printPods(emptyState(), NOW)).toBe('No resources found in default namespace.\n');
    expect(printPods(podsState(), NOW, { namespace: 'shop' })).toBe(
      'No resources found in shop namespace.\n',
    );
    expect(printPods(emptyState(), NOW, { allNamespaces: true })).toBe('No resources found\n');
  });
});

describe('summarizePod (STATUS as kubectl printPod derives it)', () => {
  const waiting = (reason: string): Partial<ContainerStatus> => ({ state: { waiting: { reason } } });
  const terminated = (reason: string, exitCode: number): Partial<ContainerStatus> => ({
    state: { terminated: { reason, exitCode, finishedAt: 1000 } },
  });
  const readyCond: PodCondition = { type: 'Ready', status: 'True', lastTransitionTime: 0 };

  it.each([
    {
      name: 'ErrImagePull',
      pod: makePod('p', { phase: 'Pending', containers: [waiting('ErrImagePull')] }),
      want: 'ErrImagePull',
      ready: '0/1',
    },
    {
      name: 'ContainerCreating',
      pod: makePod('p', { phase: 'Pending', containers: [waiting('ContainerCreating')] }),
      want: 'ContainerCreating',
      ready: '0/1',
    },
    {
      name: 'Error',
      pod: makePod('p', { containers: [terminated('Error', 1)] }),
      want: 'Error',
      ready: '0/1',
    },
    {
      name: 'Completed',
      pod: makePod('p', { phase: 'Succeeded', containers: [terminated('Completed', 0)] }),
      want: 'Completed',
      ready: '0/1',
    },
    {
      name: 'OOMKilled',
      pod: makePod('p', { containers: [terminated('OOMKilled', 137)] }),
      want: 'OOMKilled',
      ready: '0/1',
    },
    {
      name: 'ExitCode without reason',
      pod: makePod('p', { containers: [terminated('', 2)] }),
      want: 'ExitCode:2',
      ready: '0/1',
    },
    {
      name: 'status.reason NodeAffinity',
      pod: makePod('p', { phase: 'Failed', reason: 'NodeAffinity' }),
      want: 'NodeAffinity',
      ready: '0/1',
    },
    {
      name: 'NodeLost while deleting',
      pod: makePod('p', { reason: 'NodeLost', deletionTimestamp: 5, containers: [running(1)] }),
      want: 'Unknown',
      ready: '1/1',
    },
    {
      name: 'terminal pod is not Terminating',
      pod: makePod('p', {
        phase: 'Succeeded',
        deletionTimestamp: 5,
        containers: [terminated('Completed', 0)],
      }),
      want: 'Completed',
      ready: '0/1',
    },
    {
      name: 'sidecar still running after main completed, Ready',
      pod: makePod('p', {
        conditions: [readyCond],
        containers: [
          { name: 'side', ...running(1) },
          { name: 'main', ...terminated('Completed', 0) },
        ],
      }),
      want: 'Running',
      ready: '1/2',
    },
    {
      name: 'sidecar still running after main completed, not Ready',
      pod: makePod('p', {
        containers: [
          { name: 'side', ...running(1) },
          { name: 'main', ...terminated('Completed', 0) },
        ],
      }),
      want: 'NotReady',
      ready: '1/2',
    },
    {
      name: 'SchedulingGated',
      pod: makePod('p', {
        phase: 'Pending',
        conditions: [
          { type: 'PodScheduled', status: 'False', reason: 'SchedulingGated', lastTransitionTime: 0 },
        ],
      }),
      want: 'SchedulingGated',
      ready: '0/1',
    },
    {
      name: 'running but not ready',
      pod: makePod('p', { containers: [running(1, false)] }),
      want: 'Running',
      ready: '0/1',
    },
  ])('$name → $want', ({ pod, want, ready }) => {
    const s = summarizePod(pod);
    expect(s.status).toBe(want);
    expect(s.ready).toBe(ready);
  });
});

describe('printNodes', () => {
  const state = withObjects(emptyState(NOW), {
    nodes: [
      makeNode('node-1', { labels: { 'node-role.kubernetes.io/control-plane': '' } }),
      makeNode('node-2', { ready: 'Unknown', unschedulable: true, created: 5 * MIN, ip: '10.0.0.2' }),
      makeNode('node-3', {
        ready: 'False',
        labels: { 'kubernetes.io/role': 'worker' },
        created: 150 * S,
        ip: '10.0.0.3',
      }),
    ],
  });

  it('prints STATUS (NotReady for Unknown, SchedulingDisabled when cordoned), ROLES and VERSION', () => {
    expect(printNodes(state, NOW)).toBe(
      [
        'NAME     STATUS                        ROLES           AGE     VERSION',
        'node-1   Ready                         control-plane   10m     v1.35.0',
        'node-2   NotReady,SchedulingDisabled   <none>          5m      v1.35.0',
        'node-3   NotReady                      worker          7m30s   v1.35.0',
        '',
      ].join('\n'),
    );
  });

  it('prints -o wide', () => {
    const one = withObjects(emptyState(NOW), { nodes: [makeNode('node-1')] });
    expect(printNodes(one, NOW, { wide: true })).toBe(
      [
        'NAME     STATUS   ROLES    AGE   VERSION   INTERNAL-IP   EXTERNAL-IP   OS-IMAGE                         KERNEL-VERSION    CONTAINER-RUNTIME',
        'node-1   Ready    <none>   10m   v1.35.0   10.0.0.1      <none>        Debian GNU/Linux 12 (bookworm)   6.12.0-flotilla   containerd://2.1.0',
        '',
      ].join('\n'),
    );
  });

  it('says No resources found for an empty cluster', () => {
    expect(printNodes(emptyState(), NOW)).toBe('No resources found\n');
  });
});

describe('printDeployments and printReplicaSets', () => {
  const state = withObjects(emptyState(NOW), {
    deployments: [
      makeDeployment('web', { replicas: 3, ready: 2, updated: 3, available: 2 }),
      makeDeployment('api', { replicas: 1, ready: 1, updated: 1, available: 1, created: 9 * MIN }),
    ],
    replicaSets: [makeReplicaSet('web-7c5ddbdf54', 'web', { desired: 3, current: 3, ready: 2 })],
  });

  it('prints READY as ready/desired', () => {
    expect(printDeployments(state, NOW)).toBe(
      [
        'NAME   READY   UP-TO-DATE   AVAILABLE   AGE',
        'api    1/1     1            1           60s',
        'web    2/3     3            2           10m',
        '',
      ].join('\n'),
    );
  });

  it('prints deployments -o wide with containers, images and selector', () => {
    const web = withObjects(emptyState(NOW), {
      deployments: [makeDeployment('web', { replicas: 3, ready: 2, updated: 3, available: 2 })],
    });
    expect(printDeployments(web, NOW, { wide: true })).toBe(
      [
        'NAME   READY   UP-TO-DATE   AVAILABLE   AGE   CONTAINERS   IMAGES       SELECTOR',
        'web    2/3     3            2           10m   app          nginx:1.27   app=web',
        '',
      ].join('\n'),
    );
  });

  it('prints replicasets, and -o wide with the selector sorted by key', () => {
    expect(printReplicaSets(state, NOW)).toBe(
      [
        'NAME             DESIRED   CURRENT   READY   AGE',
        'web-7c5ddbdf54   3         3         2       10m',
        '',
      ].join('\n'),
    );
    expect(printReplicaSets(state, NOW, { wide: true })).toBe(
      [
        'NAME             DESIRED   CURRENT   READY   AGE   CONTAINERS   IMAGES       SELECTOR',
        'web-7c5ddbdf54   3         3         2       10m   app          nginx:1.27   app=web,pod-template-hash=7c5ddbdf54',
        '',
      ].join('\n'),
    );
  });
});

describe('printEvents', () => {
  it('prints LAST SEEN, TYPE, REASON, OBJECT, MESSAGE sorted by last timestamp, then creation order', () => {
    const state = withObjects(emptyState(NOW), {
      events: [
        makeEvent('web-1.a', {
          kind: 'Pod',
          object: 'web-1',
          reason: 'Scheduled',
          message: 'Successfully assigned default/web-1 to node-1',
          first: 0,
          component: 'default-scheduler',
        }),
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
        makeEvent('node-2.c', {
          kind: 'Node',
          object: 'node-2',
          reason: 'NodeNotReady',
          message: 'Node node-2 status is now: NodeNotReady',
          first: 8 * MIN,
          component: 'node-controller',
        }),
        makeEvent('web-1.d', {
          kind: 'Pod',
          object: 'web-1',
          reason: 'Pulled',
          message: 'Container image "nginx:1.27" already present on machine  ',
          first: 0,
        }),
        makeEvent('other.e', {
          kind: 'Pod',
          object: 'other',
          reason: 'Scheduled',
          message: 'x',
          first: 0,
          namespace: 'shop',
        }),
      ],
    });
    expect(printEvents(state, NOW)).toBe(
      [
        'LAST SEEN   TYPE      REASON         OBJECT        MESSAGE',
        '10m         Normal    Scheduled      pod/web-1     Successfully assigned default/web-1 to node-1',
        '10m         Normal    Pulled         pod/web-1     Container image "nginx:1.27" already present on machine',
        '2m          Normal    NodeNotReady   node/node-2   Node node-2 status is now: NodeNotReady',
        '45s         Warning   BackOff        pod/crash-1   Back-off restarting failed container app in pod crash-1_default(uid-crash-1)',
        '',
      ].join('\n'),
    );
  });

  it('says No resources found when a namespace has no events', () => {
    expect(printEvents(emptyState(), NOW)).toBe('No resources found in default namespace.\n');
  });
});
