/**
 * Label selectors (k8s.io/apimachinery/pkg/labels and metav1.LabelSelector): matchLabels,
 * matchExpressions with In/NotIn/Exists/DoesNotExist, and the string form `a=b,c!=d,e in (x,y),!f`.
 */

export type Labels = Readonly<Record<string, string>>;

type SelectorOperator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';

export interface LabelSelectorRequirement {
  key: string;
  operator: SelectorOperator;
  values?: string[];
}

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: LabelSelectorRequirement[];
}

/** Whether one requirement holds for `labels`. */
function requirementMatches(req: LabelSelectorRequirement, labels: Labels): boolean {
  const has = Object.hasOwn(labels, req.key);
  const value = labels[req.key];
  switch (req.operator) {
    case 'In':
      return has && (req.values ?? []).includes(value as string);
    case 'NotIn':
      return !has || !(req.values ?? []).includes(value as string);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
  }
}

/**
 * Whether `selector` selects `labels`. An empty selector ({}) selects everything; an absent one
 * (undefined) selects nothing, as metav1.LabelSelectorAsSelector treats nil.
 */
export function selectorMatches(selector: LabelSelector | undefined, labels: Labels | undefined): boolean {
  if (selector === undefined) return false;
  const l = labels ?? {};
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) if (l[k] !== v) return false;
  for (const req of selector.matchExpressions ?? []) if (!requirementMatches(req, l)) return false;
  return true;
}

/** A parse error of the string form, with the 0-based offset where it went wrong. */
export class SelectorSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

const KEY_RE = /^([a-z0-9A-Z]([-a-z0-9A-Z_.]*[a-z0-9A-Z])?\/)?[a-z0-9A-Z]([-a-z0-9A-Z_.]*[a-z0-9A-Z])?$/;
const VALUE_RE = /^([a-z0-9A-Z]([-a-z0-9A-Z_.]*[a-z0-9A-Z])?)?$/;

/**
 * Parses the string form used by `kubectl get -l` and by Flotilla's scenario files:
 * `a=b`, `a==b`, `a!=b`, `a in (x,y)`, `a notin (x)`, `a`, `!a`, joined by commas.
 */
export function parseSelector(text: string): LabelSelector {
  const reqs: LabelSelectorRequirement[] = [];
  const matchLabels: Record<string, string> = {};
  let i = 0;
  const src = text;
  const skipWs = () => {
    while (i < src.length && /\s/.test(src[i] as string)) i++;
  };
  const readToken = (): string => {
    skipWs();
    const start = i;
    while (i < src.length && /[^\s,=!()]/.test(src[i] as string)) i++;
    return src.slice(start, i);
  };
  const checkKey = (key: string, at: number) => {
    if (!KEY_RE.test(key)) throw new SelectorSyntaxError(`invalid label key "${key}"`, at);
  };
  const checkValue = (value: string, at: number) => {
    if (!VALUE_RE.test(value) || value.length > 63)
      throw new SelectorSyntaxError(`invalid label value "${value}"`, at);
  };
  skipWs();
  if (i >= src.length) return {};
  for (;;) {
    skipWs();
    const at = i;
    if (src[i] === '!') {
      i++;
      const key = readToken();
      checkKey(key, at + 1);
      reqs.push({ key, operator: 'DoesNotExist' });
    } else {
      const key = readToken();
      checkKey(key, at);
      skipWs();
      const opAt = i;
      const rest = src.slice(i);
      if (rest.startsWith('==') || rest.startsWith('=') || rest.startsWith('!=')) {
        const op = rest.startsWith('!=') ? '!=' : rest.startsWith('==') ? '==' : '=';
        i += op.length;
        const valueAt = i;
        const value = readToken();
        checkValue(value, valueAt);
        if (op === '!=') reqs.push({ key, operator: 'NotIn', values: [value] });
        else if (key in matchLabels && matchLabels[key] !== value)
          reqs.push({ key, operator: 'In', values: [value] });
        else matchLabels[key] = value;
      } else if (/^(in|notin)\s*\(/.test(rest)) {
        const operator = rest.startsWith('in') ? 'In' : 'NotIn';
        i += operator === 'In' ? 2 : 5;
        skipWs();
        i++; // '('
        const values: string[] = [];
        for (;;) {
          const valueAt = i;
          const value = readToken();
          checkValue(value, valueAt);
          values.push(value);
          skipWs();
          if (src[i] === ',') {
            i++;
            continue;
          }
          if (src[i] === ')') {
            i++;
            break;
          }
          throw new SelectorSyntaxError(`expected "," or ")" in the value list of "${key}"`, i);
        }
        reqs.push({ key, operator, values });
      } else if (i >= src.length || src[i] === ',') {
        reqs.push({ key, operator: 'Exists' });
      } else {
        throw new SelectorSyntaxError(`expected "=", "!=", "in", "notin" or "," after "${key}"`, opAt);
      }
    }
    skipWs();
    if (i >= src.length) break;
    if (src[i] !== ',') throw new SelectorSyntaxError(`expected "," but found "${src[i]}"`, i);
    i++;
  }
  const out: LabelSelector = {};
  if (Object.keys(matchLabels).length > 0) out.matchLabels = matchLabels;
  if (reqs.length > 0) out.matchExpressions = reqs;
  return out;
}

/**
 * The string form of a selector, as kubectl prints it (`app=web,tier!=db`): requirements sorted by
 * key and values sorted, as apimachinery's internalSelector does (labels/selector.go).
 */
export function formatSelector(selector: LabelSelector | undefined): string {
  if (!selector) return '<none>';
  const parts: [string, string][] = Object.entries(selector.matchLabels ?? {}).map(([k, v]) => [
    k,
    `${k}=${v}`,
  ]);
  for (const r of selector.matchExpressions ?? []) {
    const vals = [...(r.values ?? [])].sort().join(',');
    if (r.operator === 'In') parts.push([r.key, `${r.key} in (${vals})`]);
    else if (r.operator === 'NotIn') parts.push([r.key, `${r.key} notin (${vals})`]);
    else if (r.operator === 'Exists') parts.push([r.key, r.key]);
    else parts.push([r.key, `!${r.key}`]);
  }
  parts.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return parts.length ? parts.map(([, text]) => text).join(',') : '<none>';
}
