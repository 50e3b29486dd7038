/**
 * Checks of object metadata and of Deployment/ReplicaSet specs, with the apiserver's messages
 * (K pkg/apis/apps/validation/validation.go ValidateDeploymentSpec, ValidateReplicaSetSpec).
 */
import { type ObjectMeta, type RollingUpdateStrategy, selectorMatches } from '../model';
import type { DeploymentSpecInput, ReplicaSetSpecInput } from './defaults';
import { Checker, checkLabelSelector, closest } from './loadChecks';
import { checkPodSpec } from './loadPodSpec';

/**
 * metadata: name (required: `kubectl apply` needs one), namespace (defaults to "default" for
 * namespaced kinds, dropped for cluster-scoped ones), labels, annotations. uid and
 * creationTimestamp are left for the engine to fill in; other metadata (resourceVersion...) is
 * dropped, as the apiserver ignores it on create.
 */
export function checkMeta(
  c: Checker,
  v: unknown,
  namespaced: boolean,
  nameForm: 'label' | 'subdomain',
): ObjectMeta | undefined {
  const m = c.map(v, ['metadata']);
  if (m === undefined) return undefined;
  const before = c.errors.length;
  const name = c.name(m.name, ['metadata', 'name'], nameForm);
  const meta: ObjectMeta = { name: name ?? '', uid: '', creationTimestamp: 0 };
  if (namespaced) {
    const ns =
      m.namespace === undefined ? 'default' : c.name(m.namespace, ['metadata', 'namespace'], 'label');
    meta.namespace = ns ?? 'default';
  }
  if (m.labels !== undefined && m.labels !== null) {
    const labels = c.stringMap(m.labels, ['metadata', 'labels'], true);
    if (labels) meta.labels = labels;
  }
  if (m.annotations !== undefined && m.annotations !== null) {
    const ann = c.stringMap(m.annotations, ['metadata', 'annotations']);
    if (ann) meta.annotations = ann;
  }
  return c.errors.length === before ? meta : undefined;
}

const RS_FIELDS = ['replicas', 'selector', 'template', 'minReadySeconds'];
const DEPLOYMENT_FIELDS = [
  ...RS_FIELDS,
  'strategy',
  'revisionHistoryLimit',
  'progressDeadlineSeconds',
  'paused',
];

/**
 * The spec of a ReplicaSet or Deployment: replicas >= 0, a non-empty selector that matches the
 * template's labels, a template whose pods restart Always. Unknown spec fields are errors, as with
 * kubectl's default strict field validation: a typo like `replcas` would otherwise silently give 1.
 */
export function checkWorkloadSpec(
  c: Checker,
  v: unknown,
  kind: 'Deployment' | 'ReplicaSet',
): DeploymentSpecInput | ReplicaSetSpecInput | undefined {
  const m = c.map(v, ['spec']);
  if (m === undefined) return undefined;
  const before = c.errors.length;
  const known = kind === 'Deployment' ? DEPLOYMENT_FIELDS : RS_FIELDS;
  for (const k of Object.keys(m)) {
    if (known.includes(k)) continue;
    const guess = closest(k, known);
    c.errors.push(
      c.loc.keyError(
        ['spec', k],
        `unknown field "spec.${k}"`,
        guess ? `"${guess}"` : `one of: ${known.join(', ')}`,
      ),
    );
  }
  const replicas = m.replicas === undefined ? undefined : c.int(m.replicas, ['spec', 'replicas']);
  const selector = checkLabelSelector(c, m.selector, ['spec', 'selector']);
  if (selector && !selector.matchLabels && !selector.matchExpressions)
    c.error(['spec', 'selector'], `Invalid value: {}: empty selector is invalid for ${kind.toLowerCase()}`);
  const t = c.map(m.template, ['spec', 'template']);
  const tm = t === undefined ? undefined : c.map(t.metadata, ['spec', 'template', 'metadata']);
  const labels =
    tm?.labels === undefined ? {} : c.stringMap(tm.labels, ['spec', 'template', 'metadata', 'labels'], true);
  const annotations =
    tm?.annotations === undefined
      ? undefined
      : c.stringMap(tm.annotations, ['spec', 'template', 'metadata', 'annotations']);
  const podSpec = t === undefined ? undefined : checkPodSpec(c, t.spec, ['spec', 'template', 'spec'], true);
  if (
    selector &&
    labels &&
    (selector.matchLabels || selector.matchExpressions) &&
    !selectorMatches(selector, labels)
  ) {
    c.error(
      ['spec', 'template', 'metadata', 'labels'],
      'Invalid value: selector does not match template labels',
      `labels that the selector ${JSON.stringify(selector)} selects`,
    );
  }
  const minReady =
    m.minReadySeconds === undefined ? undefined : c.int(m.minReadySeconds, ['spec', 'minReadySeconds']);
  const spec: DeploymentSpecInput = {
    selector: selector ?? {},
    template: {
      metadata: {
        ...(labels && Object.keys(labels).length > 0 ? { labels } : {}),
        ...(annotations ? { annotations } : {}),
      },
      spec: podSpec ?? { containers: [] },
    },
    ...(replicas === undefined ? {} : { replicas }),
    ...(minReady === undefined ? {} : { minReadySeconds: minReady }),
  };
  if (kind === 'Deployment') checkDeploymentExtras(c, m, spec, minReady ?? 0);
  return c.errors.length === before ? spec : undefined;
}

const INT_OR_PERCENT = /^\d+%$/;

function checkDeploymentExtras(
  c: Checker,
  m: Record<string, unknown>,
  spec: DeploymentSpecInput,
  minReady: number,
): void {
  if (m.revisionHistoryLimit !== undefined) {
    const r = c.int(m.revisionHistoryLimit, ['spec', 'revisionHistoryLimit']);
    if (r !== undefined) spec.revisionHistoryLimit = r;
  }
  if (m.progressDeadlineSeconds !== undefined) {
    const p = c.int(m.progressDeadlineSeconds, ['spec', 'progressDeadlineSeconds'], 1);
    if (p !== undefined && p <= minReady)
      c.error(
        ['spec', 'progressDeadlineSeconds'],
        `Invalid value: ${p}: must be greater than minReadySeconds`,
      );
    if (p !== undefined) spec.progressDeadlineSeconds = p;
  }
  if (m.paused !== undefined) {
    if (typeof m.paused !== 'boolean') c.wrongType(['spec', 'paused'], m.paused, 'true or false');
    else spec.paused = m.paused;
  }
  if (m.strategy === undefined) return;
  const s = c.map(m.strategy, ['spec', 'strategy']);
  if (s === undefined) return;
  const type = s.type ?? 'RollingUpdate';
  if (type !== 'RollingUpdate' && type !== 'Recreate') {
    c.error(
      ['spec', 'strategy', 'type'],
      `Unsupported value: ${JSON.stringify(type)}`,
      'one of: Recreate, RollingUpdate',
    );
    return;
  }
  const strategy: RollingUpdateStrategy = { type };
  if (s.rollingUpdate !== undefined) {
    if (type === 'Recreate') {
      c.error(
        ['spec', 'strategy', 'rollingUpdate'],
        "Forbidden: may not be specified when strategy `type` is 'Recreate'",
      );
      return;
    }
    const ru = c.map(s.rollingUpdate, ['spec', 'strategy', 'rollingUpdate']);
    const amount = (f: 'maxSurge' | 'maxUnavailable'): number | string | undefined => {
      const x = ru?.[f];
      if (x === undefined) return undefined;
      const p = ['spec', 'strategy', 'rollingUpdate', f];
      if (typeof x === 'number' && Number.isInteger(x) && x >= 0) return x;
      if (typeof x === 'string' && INT_OR_PERCENT.test(x)) {
        if (f === 'maxUnavailable' && parseInt(x, 10) > 100)
          return c.error(p, `Invalid value: "${x}": must not be greater than 100%`);
        return x;
      }
      return c.error(
        p,
        `Invalid value: ${JSON.stringify(x)}: must be a non-negative integer or a percentage like "25%"`,
      );
    };
    const maxSurge = amount('maxSurge');
    const maxUnavailable = amount('maxUnavailable');
    const isZero = (x: number | string | undefined) => x === 0 || x === '0%';
    if (isZero(maxSurge) && isZero(maxUnavailable))
      c.error(
        ['spec', 'strategy', 'rollingUpdate', 'maxUnavailable'],
        'Invalid value: may not be 0 when `maxSurge` is 0',
      );
    strategy.rollingUpdate = {
      ...(maxSurge === undefined ? {} : { maxSurge }),
      ...(maxUnavailable === undefined ? {} : { maxUnavailable }),
    };
  }
  spec.strategy = strategy;
}
