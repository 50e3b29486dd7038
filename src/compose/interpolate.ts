/**
 * Variable interpolation as Compose does it before anything else reads the file (compose spec
 * "Interpolation"): `${VAR}`, `$VAR`, `${VAR:-default}` (unset or empty), `${VAR-default}` (unset),
 * `${VAR:?message}` / `${VAR?message}` (required), `${VAR:+alt}` / `${VAR+alt}`, and `$$` for a
 * literal `$`. Only values are interpolated, never keys. An unset variable without a default
 * becomes an empty string, as in Compose ("The X variable is not set. Defaulting to a blank
 * string."). Variables come from the caller (the core never reads the process environment).
 */
import type { FieldPath } from '../model';

export interface InterpolationIssue {
  path: FieldPath;
  severity: 'error' | 'warning';
  message: string;
  /** The variable concerned (warnings about one unset variable are reported once). */
  variable: string;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

/**
 * Interpolates every string value under `value`; issues name the field path where they occur. A
 * YAML alias to one of its own ancestors (`a: &a [*a]`) makes the tree cyclic: that is an error
 * (Compose refuses such files too) and the alias becomes null, so nothing below loops.
 */
export function interpolateTree(
  value: unknown,
  vars: Readonly<Record<string, string>>,
  issues: InterpolationIssue[],
  path: FieldPath = [],
  ancestors: Set<object> = new Set(),
): unknown {
  if (typeof value === 'string')
    return interpolateString(value, vars, (severity, variable, message) =>
      issues.push({ path, severity, variable, message }),
    );
  if (typeof value !== 'object' || value === null) return value;
  if (ancestors.has(value)) {
    issues.push({
      path,
      severity: 'error',
      variable: '',
      message: 'a YAML alias refers to a node that contains it (a recursive alias)',
    });
    return null;
  }
  ancestors.add(value);
  let out: unknown;
  if (Array.isArray(value))
    out = value.map((v, i) => interpolateTree(v, vars, issues, [...path, i], ancestors));
  else {
    // defineProperty, not `out[k] =`: a key named __proto__ stays a key (and is reported as one).
    const map: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value))
      Object.defineProperty(map, k, {
        value: interpolateTree(v, vars, issues, [...path, k], ancestors),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    out = map;
  }
  ancestors.delete(value);
  return out;
}

type Report = (severity: 'error' | 'warning', variable: string, message: string) => void;

/** Interpolates one string. */
function interpolateString(text: string, vars: Readonly<Record<string, string>>, report: Report): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c !== '$') {
      out += c;
      i++;
      continue;
    }
    const next = text[i + 1];
    if (next === '$') {
      out += '$';
      i += 2;
    } else if (next === '{') {
      const end = closingBrace(text, i + 2);
      if (end < 0) {
        // An unterminated `${` is kept as written; Compose rejects it, but a literal is harmless here.
        out += text.slice(i);
        break;
      }
      out += braced(text.slice(i + 2, end), vars, report);
      i = end + 1;
    } else {
      const m = NAME.exec(text.slice(i + 1));
      if (m === null) {
        out += '$';
        i++;
      } else {
        out += lookup(m[0], vars, report);
        i += 1 + m[0].length;
      }
    }
  }
  return out;
}

/** Index of the `}` that closes a `${` whose body starts at `from` (nested `${...}` allowed). */
function closingBrace(text: string, from: number): number {
  let depth = 1;
  for (let j = from; j < text.length; j++) {
    if (text[j] === '$' && text[j + 1] === '{') {
      depth++;
      j++;
    } else if (text[j] === '}' && --depth === 0) return j;
  }
  return -1;
}

function braced(body: string, vars: Readonly<Record<string, string>>, report: Report): string {
  const m = NAME.exec(body);
  if (m === null) {
    report('error', body, `invalid interpolation format "\${${body}}": expected a variable name`);
    return '';
  }
  const name = m[0];
  const rest = body.slice(name.length);
  if (rest === '') return lookup(name, vars, report);
  const op = /^(:-|-|:\?|\?|:\+|\+)/.exec(rest);
  if (op === null) {
    report('error', name, `invalid interpolation format "\${${body}}"`);
    return '';
  }
  const word = interpolateString(rest.slice(op[0].length), vars, report);
  const value = vars[name];
  const set = value !== undefined;
  const nonEmpty = set && value !== '';
  switch (op[0]) {
    case ':-':
      return nonEmpty ? value : word;
    case '-':
      return set ? value : word;
    case ':+':
      return nonEmpty ? word : '';
    case '+':
      return set ? word : '';
    default: {
      const ok = op[0] === '?' ? set : nonEmpty;
      if (!ok)
        report(
          'error',
          name,
          `required variable ${name} is missing a value${word === '' ? '' : `: ${word}`}`,
        );
      return value ?? '';
    }
  }
}

function lookup(name: string, vars: Readonly<Record<string, string>>, report: Report): string {
  const value = vars[name];
  if (value !== undefined) return value;
  report(
    'warning',
    name,
    `the "${name}" variable is not set: defaulting to a blank string (as Compose does)`,
  );
  return '';
}
