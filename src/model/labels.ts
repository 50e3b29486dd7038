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
  const cur = new SelectorCursor(text);
  const reqs: LabelSelectorRequirement[] = [];
  const matchLabels: Record<string, string> = {};
  cur.skipWs();
  if (cur.done()) return {};
  for (;;) {
    requirement(cur, matchLabels, reqs);
    cur.skipWs();
    if (cur.done()) break;
    if (cur.peek() !== ',') throw new SelectorSyntaxError(`expected "," but found "${cur.peek()}"`, cur.i);
    cur.i++;
  }
  const out: LabelSelector = {};
  if (Object.keys(matchLabels).length > 0) out.matchLabels = matchLabels;
  if (reqs.length > 0) out.matchExpressions = reqs;
  return out;
}

/** A position in a selector's text, with the tokens read from there. */
class SelectorCursor {
  i = 0;
  constructor(readonly src: string) {}

  done(): boolean {
    return this.i >= this.src.length;
  }

  peek(): string | undefined {
    return this.src[this.i];
  }

  skipWs(): void {
    while (this.i < this.src.length && /\s/.test(this.src[this.i] as string)) this.i++;
  }

  /** A key or a value: everything up to whitespace, `,`, `=`, `!` or a parenthesis. */
  readToken(): string {
    this.skipWs();
    const start = this.i;
    while (this.i < this.src.length && /[^\s,=!()]/.test(this.src[this.i] as string)) this.i++;
    return this.src.slice(start, this.i);
  }

  key(at: number): string {
    const key = this.readToken();
    if (!KEY_RE.test(key)) throw new SelectorSyntaxError(`invalid label key "${key}"`, at);
    return key;
  }

  value(): string {
    const at = this.i;
    const value = this.readToken();
    if (!VALUE_RE.test(value) || value.length > 63)
      throw new SelectorSyntaxError(`invalid label value "${value}"`, at);
    return value;
  }
}

/** One requirement: `!key`, `key`, `key=value` (or `==`, `!=`), `key in (...)`, `key notin (...)`. */
function requirement(
  cur: SelectorCursor,
  matchLabels: Record<string, string>,
  reqs: LabelSelectorRequirement[],
): void {
  cur.skipWs();
  const at = cur.i;
  if (cur.peek() === '!') {
    cur.i++;
    reqs.push({ key: cur.key(at + 1), operator: 'DoesNotExist' });
    return;
  }
  const key = cur.key(at);
  cur.skipWs();
  const opAt = cur.i;
  const rest = cur.src.slice(cur.i);
  if (rest.startsWith('==') || rest.startsWith('=') || rest.startsWith('!=')) {
    const op = rest.startsWith('!=') ? '!=' : rest.startsWith('==') ? '==' : '=';
    cur.i += op.length;
    const value = cur.value();
    if (op === '!=') reqs.push({ key, operator: 'NotIn', values: [value] });
    // A second `key=other` cannot be a matchLabels entry: it becomes a requirement of its own.
    else if (key in matchLabels && matchLabels[key] !== value)
      reqs.push({ key, operator: 'In', values: [value] });
    else matchLabels[key] = value;
  } else if (/^(in|notin)\s*\(/.test(rest)) {
    const operator = rest.startsWith('in') ? 'In' : 'NotIn';
    cur.i += operator === 'In' ? 2 : 5;
    reqs.push({ key, operator, values: valueList(cur, key) });
  } else if (cur.done() || cur.peek() === ',') {
    reqs.push({ key, operator: 'Exists' });
  } else {
    throw new SelectorSyntaxError(`expected "=", "!=", "in", "notin" or "," after "${key}"`, opAt);
  }
}

/** `(x, y, ...)` after `in` or `notin`. */
function valueList(cur: SelectorCursor, key: string): string[] {
  cur.skipWs();
  cur.i++; // '('
  const values: string[] = [];
  for (;;) {
    values.push(cur.value());
    cur.skipWs();
    if (cur.peek() === ',') {
      cur.i++;
      continue;
    }
    if (cur.peek() === ')') {
      cur.i++;
      return values;
    }
    throw new SelectorSyntaxError(`expected "," or ")" in the value list of "${key}"`, cur.i);
  }
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
