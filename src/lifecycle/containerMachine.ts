/**
 * The lifecycle of one container, named after the container states Kubernetes reports
 * (W concepts/workloads/pods/pod-lifecycle.md#container-states):
 * Waiting (ContainerCreating, CrashLoopBackOff), Running, Terminated (Completed, Error, OOMKilled).
 */
import { setup } from 'xstate';

export type ContainerEvent =
  | { type: 'STARTED' }
  | { type: 'EXITED'; exitCode: number }
  | { type: 'OOM_KILLED' }
  | { type: 'BACK_OFF' }
  | { type: 'RESTART' };

export const containerMachine = setup({
  types: { events: {} as ContainerEvent },
  guards: {
    exitedCleanly: ({ event }) => event.type === 'EXITED' && event.exitCode === 0,
  },
}).createMachine({
  id: 'container',
  initial: 'ContainerCreating',
  states: {
    /** Waiting: image pull, create, start. */
    ContainerCreating: {
      on: {
        STARTED: 'Running',
        EXITED: [{ guard: 'exitedCleanly', target: 'Completed' }, { target: 'Error' }],
      },
    },
    Running: {
      on: {
        EXITED: [{ guard: 'exitedCleanly', target: 'Completed' }, { target: 'Error' }],
        OOM_KILLED: 'OOMKilled',
      },
    },
    /** Terminated, exit code 0. */
    Completed: { on: { RESTART: 'ContainerCreating', BACK_OFF: 'CrashLoopBackOff' } },
    /** Terminated, non-zero exit code. */
    Error: { on: { RESTART: 'ContainerCreating', BACK_OFF: 'CrashLoopBackOff' } },
    /** Terminated by the kernel's OOM killer, exit code 137. */
    OOMKilled: { on: { RESTART: 'ContainerCreating', BACK_OFF: 'CrashLoopBackOff' } },
    /** Waiting for the restart back-off to pass. */
    CrashLoopBackOff: { on: { RESTART: 'ContainerCreating' } },
  },
});

export const TERMINATED_STATES: readonly string[] = ['Completed', 'Error', 'OOMKilled'];
