/**
 * Field checks for Kubernetes manifests, with the apiserver's wording where it has one
 * (k8s.io/apimachinery/pkg/util/validation, pkg/apis/core/validation), so that a student who meets
 * the same mistake on a real cluster recognises it. Each check records located errors in a
 * {@link Checker} and returns the cleaned value, or undefined when it is unusable.
 */
import {
  type FieldPath,
  type LabelSelector,
  type LabelSelectorRequirement,
  type LocatedError,
  parseQuantity,
} from '../model';
import type { Locator } from './loadYaml';

export const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
export const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;

/** The apiserver's explanation of a DNS-1123 label (validation.go dns1123LabelErrMsg). */
export const DNS1123_LABEL_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character";
/** The apiserver's explanation of a DNS-1123 subdomain (validation.go dns1123SubdomainErrorMsg). */
const DNS1123_SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";

export const QUANTITY_EXAMPLES = 'a quantity such as 500m, 2, 512Mi or 1Gi';

/** Plain object test that also narrows. */
export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** What a YAML value is, for "expected a map, got a list". */
export function describeValue(v: unknown): string {
  if (v === null || v === undefined) return 'nothing';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a map';
  if (typeof v === 'string') return `string "${v}"`;
  return `${typeof v} ${String(v)}`;
}

/** Collects the errors and warnings of one object; paths are relative to the locator's prefix. */
export class Checker {
  readonly errors: LocatedError[] = [];
  readonly warnings: LocatedError[] = [];
  constructor(readonly loc: Locator) {}

  error(path: FieldPath, message: string, expected?: string): undefined {
    this.errors.push(this.loc.error(path, message, expected));
    return undefined;
  }
  warn(path: FieldPath, message: string, expected?: string): void {
    this.warnings.push(this.loc.error(path, message, expected, 'warning'));
  }
  missing(path: FieldPath): undefined {
    return this.error(path, `missing required field "${String(path[path.length - 1])}"`);
  }
  wrongType(path: FieldPath, v: unknown, expected: string): undefined {
    return this.error(path, `expected ${expected}, got ${describeValue(v)}`);
  }

  map(v: unknown, path: FieldPath): Record<string, unknown> | undefined {
    return isRecord(v) ? v : v === undefined ? this.missing(path) : this.wrongType(path, v, 'a map');
  }
  list(v: unknown, path: FieldPath): unknown[] | undefined {
    return Array.isArray(v) ? v : v === undefined ? this.missing(path) : this.wrongType(path, v, 'a list');
  }
  string(v: unknown, path: FieldPath): string | undefined {
    return typeof v === 'string'
      ? v
      : v === undefined
        ? this.missing(path)
        : this.wrongType(path, v, 'a string');
  }
  /** An integer >= min (Kubernetes int32 fields). */
  int(v: unknown, path: FieldPath, min = 0): number | undefined {
    if (v === undefined) return this.missing(path);
    if (typeof v !== 'number' || !Number.isInteger(v)) return this.wrongType(path, v, 'an integer');
    if (v < min) return this.error(path, `Invalid value: ${v}: must be greater than or equal to ${min}`);
    return v;
  }
  /** A DNS-1123 label or subdomain name. */
  name(v: unknown, path: FieldPath, form: 'label' | 'subdomain'): string | undefined {
    const s = this.string(v, path);
    if (s === undefined) return undefined;
    const [re, max, msg] =
      form === 'label'
        ? [DNS1123_LABEL, 63, DNS1123_LABEL_MSG]
        : [DNS1123_SUBDOMAIN, 253, DNS1123_SUBDOMAIN_MSG];
    if (!re.test(s) || s.length > max) return this.error(path, `Invalid value: "${s}": ${msg}`);
    return s;
  }
  /** A map of strings (annotations, nodeSelector); with `labels`, keys and values are checked as labels. */
  stringMap(v: unknown, path: FieldPath, labels = false): Record<string, string> | undefined {
    const m = this.map(v, path);
    if (m === undefined) return undefined;
    const out: Record<string, string> = {};
    let ok = true;
    for (const [k, val] of Object.entries(m)) {
      if (typeof val !== 'string') {
        ok = this.wrongType([...path, k], val, 'a string (quote numbers and booleans: "1", "true")') ?? false;
        continue;
      }
      if (labels && !this.labelKey(k, [...path, k])) ok = false;
      else if (labels && !isLabelValue(val)) {
        ok =
          this.error(
            [...path, k],
            `Invalid value: "${val}": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character`,
          ) ?? false;
      } else out[k] = val;
    }
    return ok ? out : undefined;
  }
  labelKey(k: string, path: FieldPath): boolean {
    if (isLabelKey(k)) return true;
    this.errors.push(
      this.loc.keyError(
        path,
        `Invalid value: "${k}": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (an optional DNS subdomain prefix and '/' may come first)`,
      ),
    );
    return false;
  }
}

/** Whether `k` is a qualified name (`[prefix/]name`) as label and annotation keys must be. */
export function isLabelKey(k: string): boolean {
  const slash = k.lastIndexOf('/');
  const prefix = slash < 0 ? undefined : k.slice(0, slash);
  const name = slash < 0 ? k : k.slice(slash + 1);
  if (prefix !== undefined && (!DNS1123_SUBDOMAIN.test(prefix) || prefix.length > 253)) return false;
  return QUALIFIED_NAME.test(name) && name.length <= 63;
}

export function isLabelValue(v: string): boolean {
  return v === '' || (QUALIFIED_NAME.test(v) && v.length <= 63);
}

const OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'] as const;

/** A metav1.LabelSelector (matchLabels and matchExpressions), checked as ValidateLabelSelector does. */
export function checkLabelSelector(c: Checker, v: unknown, path: FieldPath): LabelSelector | undefined {
  const m = c.map(v, path);
  if (m === undefined) return undefined;
  const out: LabelSelector = {};
  let ok = true;
  for (const k of Object.keys(m)) {
    if (k !== 'matchLabels' && k !== 'matchExpressions') {
      c.errors.push(c.loc.keyError([...path, k], `unknown field "${k}"`, 'matchLabels or matchExpressions'));
      ok = false;
    }
  }
  if (m.matchLabels !== undefined) {
    const labels = c.stringMap(m.matchLabels, [...path, 'matchLabels'], true);
    if (labels === undefined) ok = false;
    else out.matchLabels = labels;
  }
  if (m.matchExpressions !== undefined) {
    const list = c.list(m.matchExpressions, [...path, 'matchExpressions']);
    const reqs: LabelSelectorRequirement[] = [];
    for (const [i, r] of (list ?? []).entries()) {
      const p = [...path, 'matchExpressions', i];
      const e = c.map(r, p);
      const key = c.string(e?.key, [...p, 'key']);
      const op = c.string(e?.operator, [...p, 'operator']);
      if (e === undefined || key === undefined || op === undefined) {
        ok = false;
        continue;
      }
      if (!isLabelKey(key)) ok = c.labelKey(key, [...p, 'key']) && false;
      if (!(OPERATORS as readonly string[]).includes(op)) {
        ok =
          c.error([...p, 'operator'], `Unsupported value: "${op}"`, `one of: ${OPERATORS.join(', ')}`) ??
          false;
        continue;
      }
      const values = e.values === undefined ? [] : c.list(e.values, [...p, 'values']);
      if (values === undefined || values.some((x) => typeof x !== 'string')) {
        ok = c.error([...p, 'values'], 'values must be a list of strings') ?? false;
        continue;
      }
      const needsValues = op === 'In' || op === 'NotIn';
      if (needsValues && values.length === 0)
        ok =
          c.error([...p, 'values'], "Required value: must be specified when `operator` is 'In' or 'NotIn'") ??
          false;
      if (!needsValues && values.length > 0)
        ok =
          c.error(
            [...p, 'values'],
            "Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
          ) ?? false;
      reqs.push({
        key,
        operator: op as LabelSelectorRequirement['operator'],
        ...(needsValues ? { values: values as string[] } : {}),
      });
    }
    if (list === undefined) ok = false;
    if (reqs.length > 0) out.matchExpressions = reqs;
  }
  return ok ? out : undefined;
}

/**
 * A resource list (`requests` or `limits`): every amount must parse as a quantity and not be
 * negative. Amounts stay strings, as in the API (YAML numbers such as `cpu: 2` become "2").
 */
export function checkResourceList(
  c: Checker,
  v: unknown,
  path: FieldPath,
): Record<string, string> | undefined {
  const m = c.map(v, path);
  if (m === undefined) return undefined;
  const out: Record<string, string> = {};
  let ok = true;
  for (const [name, amount] of Object.entries(m)) {
    const p = [...path, name];
    if (typeof amount !== 'string' && typeof amount !== 'number') {
      ok = c.wrongType(p, amount, QUANTITY_EXAMPLES) ?? false;
      continue;
    }
    const q = parseQuantity(amount);
    if (q === undefined) ok = c.error(p, `invalid quantity "${String(amount)}"`, QUANTITY_EXAMPLES) ?? false;
    else if (q.negative && q.digits !== 0n)
      ok = c.error(p, `Invalid value: "${String(amount)}": must be greater than or equal to 0`) ?? false;
    else
      out[name] =
        typeof amount === 'number' ? (Number.isInteger(amount) ? amount.toFixed(0) : String(amount)) : amount;
  }
  return ok ? out : undefined;
}

/**
 * The candidate closest to `word` by edit distance, when it is close enough to be a likely typo
 * (at most a third of the word's length, and at most 3): for "did you mean ...?" hints.
 */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestD = Math.min(3, Math.max(1, Math.floor(word.length / 3))) + 1;
  for (const cand of candidates) {
    const d = editDistance(word.toLowerCase(), cand.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = cand;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const sub = (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      cur.push(Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, sub));
    }
    prev = cur;
  }
  return prev[b.length] ?? 0;
}
