/**
 * Loading a PriorityClass (scheduling.k8s.io/v1, cluster-scoped): `value` (at most 1e9 for user
 * classes), `globalDefault`, `preemptionPolicy` (PreemptLowerPriority or Never) and `description`,
 * checked as the apiserver's validation does (K pkg/apis/scheduling/validation).
 */
import { HIGHEST_USER_DEFINABLE_PRIORITY, type PriorityClass } from '../scheduler';
import type { LocatedError, SourceLocation } from '../model';
import { Checker } from './loadChecks';
import { checkMeta } from './loadWorkload';
import type { Locator } from './loadYaml';

const PRIORITY_CLASS_API_VERSION = 'scheduling.k8s.io/v1';

/** A checked PriorityClass, or the located errors. */
export function loadPriorityClass(
  raw: Record<string, unknown>,
  at: Locator,
): { object?: PriorityClass; source: SourceLocation; errors: LocatedError[] } {
  const c = new Checker(at);
  const source = at.at([]);
  if (raw.apiVersion !== PRIORITY_CLASS_API_VERSION)
    c.error(
      ['apiVersion'],
      `no matches for kind "PriorityClass" in version "${String(raw.apiVersion)}"`,
      `apiVersion: ${PRIORITY_CLASS_API_VERSION}`,
    );
  const allowed = [
    'apiVersion',
    'kind',
    'metadata',
    'value',
    'globalDefault',
    'preemptionPolicy',
    'description',
  ];
  for (const k of Object.keys(raw))
    if (!allowed.includes(k)) c.errors.push(at.keyError([k], `unknown field "${k}"`, allowed.join(', ')));
  const meta = checkMeta(c, raw.metadata, false, 'subdomain');
  const value = c.int(raw.value, ['value'], -2147483648);
  if (raw.value === undefined) c.missing(['value']);
  else if (value !== undefined && value > HIGHEST_USER_DEFINABLE_PRIORITY)
    c.error(['value'], `must be no greater than ${HIGHEST_USER_DEFINABLE_PRIORITY}`);
  if (raw.globalDefault !== undefined && typeof raw.globalDefault !== 'boolean')
    c.wrongType(['globalDefault'], raw.globalDefault, 'true or false');
  const policy = raw.preemptionPolicy;
  if (policy !== undefined && policy !== 'PreemptLowerPriority' && policy !== 'Never')
    c.error(
      ['preemptionPolicy'],
      `Unsupported value: ${JSON.stringify(policy)}`,
      '"Never", "PreemptLowerPriority"',
    );
  if (raw.description !== undefined) c.string(raw.description, ['description']);
  if (c.errors.length > 0 || meta === undefined || value === undefined) return { source, errors: c.errors };
  return {
    source,
    errors: [],
    object: {
      apiVersion: PRIORITY_CLASS_API_VERSION,
      kind: 'PriorityClass',
      metadata: meta,
      value,
      ...(raw.globalDefault === true ? { globalDefault: true } : {}),
      preemptionPolicy: policy === 'Never' ? 'Never' : 'PreemptLowerPriority',
      ...(typeof raw.description === 'string' ? { description: raw.description } : {}),
    },
  };
}
