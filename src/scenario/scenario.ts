/**
 * The normalised scenario the engine runs: every time in integer ms, resources canonical, objects
 * parsed and defaulted, timeline entries and expectations typed, each with where it came from.
 * Produced by loadScenario(); the file format itself is in schema.ts.
 */
import type { IgnoredObject, LoadedObject } from '../manifests';
import type {
  ComposeProject,
  ConditionStatus,
  LabelSelector,
  PodPhase,
  ResourceList,
  Settings,
  SourceLocation,
  Taint,
} from '../model';
import type { BehaviourName } from '../engine';
import type { Profile } from '../scheduler';
import type { ComposeDeployment, NetworkInput } from '../orchestrators';
import type { FlowExpectationSpec } from './flowExpectation';

export interface ScenarioNode {
  name: string;
  /** Canonical amounts (cpu in millicores, memory in bytes); `pods` defaults to 110. */
  capacity: ResourceList;
  /** Defaults to capacity, per resource. */
  allocatable: ResourceList;
  /** The file's labels plus the kubelet's well-known ones (kubernetes.io/hostname, os, arch) unless given. */
  labels: Record<string, string>;
  taints: Taint[];
  /** orchestrator swarm: manager or worker (undefined: the default, see nodeRoles). */
  role?: 'manager' | 'worker';
  source: SourceLocation;
}

/** Which pods a pod action targets. */
export type PodTarget =
  | {
      by: 'name';
      /**
       * A pod name, or the name (or `name-` prefix) of a Deployment/ReplicaSet whose pods are generated:
       * the engine takes the pod named exactly so if there is one, else the first pod, by name, whose
       * name starts with `<name>-` (and is not being deleted).
       */
      name: string;
    }
  | { by: 'selector'; selector: LabelSelector; text: string };

interface EntryBase {
  /** When, in ms from the start. */
  at: number;
  /** Narration shown with the action. */
  say?: string;
  /** Position in the file's timeline list. */
  index: number;
  source: SourceLocation;
}

export type TimelineEntry =
  | (EntryBase & { action: 'say'; say: string })
  | (EntryBase & {
      action: 'crashContainer';
      namespace: string;
      target: PodTarget;
      container?: string;
      exitCode: number;
      /** Keep crashing this long after every restart (ms). */
      crashLoop?: number;
    })
  | (EntryBase & { action: 'deletePod'; namespace: string; target: PodTarget })
  | (EntryBase & {
      action: 'setBehaviour';
      namespace: string;
      target: PodTarget;
      container?: string;
      behaviour: BehaviourName;
      /** hang, unready: how long (ms). */
      for?: number;
      /** slowStart (ms). */
      startupDelay?: number;
    })
  | (EntryBase & { action: 'failNode' | 'recoverNode' | 'cordon' | 'uncordon' | 'drain'; node: string })
  | (EntryBase & { action: 'scale'; namespace: string; deployment: string; replicas: number })
  | (EntryBase & { action: 'scale'; service: string; replicas: number })
  | (EntryBase & { action: 'updateService'; service: string; image: string })
  | (EntryBase & { action: 'apply'; objects: LoadedObject[]; ignored: IgnoredObject[] });

/**
 * When an expectation is checked: `at` = at exactly that time; `within` = it passes as soon as it
 * holds at any time up to the deadline, and fails if it never did.
 */
export type ExpectationWindow = { kind: 'at'; at: number } | { kind: 'within'; within: number };

interface ExpectationBase {
  window: ExpectationWindow;
  description?: string;
  index: number;
  source: SourceLocation;
}

/**
 * Pods selected by `selector` in `namespace`. Without `count`: at least one pod is selected and every
 * selected pod meets the conditions. With `count`: exactly `count` selected pods meet them.
 * Pods being deleted are left out unless `terminating` is true (then only they are counted).
 */
export interface PodsExpectation extends ExpectationBase {
  check: 'pods';
  selector: LabelSelector;
  selectorText: string;
  namespace: string;
  count?: number;
  phase?: PodPhase;
  ready?: boolean;
  node?: string;
  restartCount?: { min?: number; max?: number };
  terminating?: boolean;
}

export interface NodeExpectation extends ExpectationBase {
  check: 'node';
  node: string;
  ready: ConditionStatus;
}

/** An Event with this reason (and object `kind/name` or name prefix, and type) was recorded. */
export interface EventExpectation extends ExpectationBase {
  check: 'event';
  reason: string;
  object?: string;
  type?: 'Normal' | 'Warning';
}

/** A traffic flow's figures over the last seconds (src/scenario/flowExpectation.ts). */
interface FlowExpectation extends ExpectationBase, FlowExpectationSpec {
  check: 'flow';
}

export type Expectation = PodsExpectation | NodeExpectation | EventExpectation | FlowExpectation;

export interface Scenario {
  /** The scenario file's path, as given to loadScenario. */
  file: string;
  name: string;
  title?: string;
  description?: string;
  seed: number;
  orchestrator: 'kubernetes' | 'compose' | 'swarm';
  /** The scenario's nodes; under compose, Docker hosts. */
  nodes: ScenarioNode[];
  /** Under compose: each Compose project and the host `compose up` runs it on. */
  compose?: ComposeDeployment[];
  /** Under swarm: the stack (one compose project) deployed over the nodes. */
  swarm?: ComposeProject;
  /** DEFAULT_SETTINGS with the file's overrides (all in ms, except `...Seconds` keys). */
  settings: Settings;
  /** The `scheduler:` block as written. */
  scheduler?: Record<string, unknown>;
  /** The scheduling profiles the `scheduler:` block configures (the default profile when absent). */
  schedulerProfiles?: Profile[];
  /** Objects to create at time 0, in file order (inline and from files). */
  objects: LoadedObject[];
  /** Objects of kinds Flotilla does not model, skipped (a warning says so). */
  ignored: IgnoredObject[];
  /** Sorted by `at`; entries at the same time keep their file order. */
  timeline: TimelineEntry[];
  expectations: Expectation[];
  /** How long to run in ms; undefined = until the timeline and expectations are done and the cluster settled. */
  duration?: number;
  /** The pod network settings and traffic flows (`network:`, `traffic:`). */
  network?: NetworkInput;
}
