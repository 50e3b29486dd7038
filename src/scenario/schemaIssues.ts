/**
 * Turns zod issues into located, human messages: `timeline[2].at: invalid duration "5x"
 * (expected 30s, 5m, 1h30m, 250ms or 1.5s)`. The position comes from the YAML node at the issue's
 * path (the key's position for an unknown field, the parent's for a missing one). For a union that
 * matched no branch, the branch with the fewest problems is taken as the one the author meant, so
 * the message is about their typo rather than a list of every form the entry could have had.
 */
import type { z } from 'zod';
import { type FieldPath, LocatedError } from '../model';
import { closest, describeValue, isRecord, type Locator } from '../manifests';

type Issue = z.core.$ZodIssue;
type AnySchema = z.core.$ZodType;

const EXPECTED_NAMES: Record<string, string> = {
  object: 'a map',
  record: 'a map',
  array: 'a list',
  string: 'a string',
  number: 'a number',
  int: 'an integer',
  boolean: 'true or false',
};

/** Maps every issue of a failed parse of `data` against `schema` to located errors. */
export function issuesToLocated(
  issues: readonly Issue[],
  data: unknown,
  schema: AnySchema,
  loc: Locator,
): LocatedError[] {
  const out: LocatedError[] = [];
  for (const issue of issues) mapIssue(issue, [], schema, data, loc, out);
  return out;
}

function mapIssue(
  issue: Issue,
  base: FieldPath,
  baseSchema: AnySchema | undefined,
  data: unknown,
  loc: Locator,
  out: LocatedError[],
): void {
  const rel = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  const path = [...base, ...rel];
  const value = valueAt(data, path);
  switch (issue.code) {
    case 'invalid_union': {
      if (issue.discriminator !== undefined && issue.errors.length === 0) {
        const opts = (('options' in issue ? issue.options : undefined) ?? [])
          .filter((o) => o !== undefined && o !== null)
          .map(String);
        const v = valueAt(data, path);
        const guess = typeof v === 'string' ? closest(v, opts) : undefined;
        out.push(
          loc.error(
            path,
            `unknown ${issue.discriminator} ${JSON.stringify(v)}`,
            guess ? `"${guess}"` : `one of: ${opts.join(', ')}`,
          ),
        );
        return;
      }
      const branches = issue.errors;
      if (
        branches.length > 0 &&
        branches.every((b) => b.length === 1 && b[0]?.code === 'invalid_type' && b[0].path.length === 0)
      ) {
        const kinds = branches.map(
          (b) => EXPECTED_NAMES[(b[0] as { expected: string }).expected] ?? 'a value',
        );
        out.push(
          loc.error(path, `expected ${[...new Set(kinds)].join(' or ')}, got ${describeValue(value)}`),
        );
        return;
      }
      let best = 0;
      for (let i = 1; i < branches.length; i++)
        if (score(branches[i] ?? []) < score(branches[best] ?? [])) best = i;
      const union = schemaAt(baseSchema, rel, data, base);
      const branchSchema = union === undefined ? undefined : unionOptions(union)[best];
      for (const sub of branches[best] ?? []) mapIssue(sub, path, branchSchema, data, loc, out);
      return;
    }
    case 'unrecognized_keys': {
      const objSchema = schemaAt(baseSchema, rel, data, base);
      const known = objSchema === undefined ? [] : objectKeys(objSchema);
      for (const key of issue.keys) {
        const guess = closest(key, known);
        const expected =
          guess !== undefined ? `"${guess}"` : known.length > 0 ? `one of: ${known.join(', ')}` : undefined;
        out.push(loc.keyError([...path, key], `unknown field "${key}"`, expected));
      }
      return;
    }
    case 'invalid_type':
      if (value === undefined)
        out.push(loc.error(path, `missing required field "${String(path[path.length - 1])}"`));
      else
        out.push(
          loc.error(
            path,
            `expected ${EXPECTED_NAMES[issue.expected] ?? issue.expected}, got ${describeValue(value)}`,
          ),
        );
      return;
    case 'invalid_value':
      out.push(
        loc.error(
          path,
          `invalid value ${JSON.stringify(value)}`,
          `one of: ${issue.values.map(String).join(', ')}`,
        ),
      );
      return;
    case 'too_small':
    case 'too_big': {
      const small = issue.code === 'too_small';
      const limit = Number(small ? issue.minimum : issue.maximum);
      const message =
        issue.origin === 'array'
          ? `needs ${small ? 'at least' : 'at most'} ${limit} item${limit === 1 ? '' : 's'}`
          : issue.origin === 'string'
            ? small && limit === 1
              ? 'must not be empty'
              : `must be ${small ? 'at least' : 'at most'} ${limit} characters long`
            : `invalid value ${describeValue(value)}: must be ${small ? 'greater' : 'less'} than ${issue.inclusive === false ? '' : 'or equal to '}${limit}`;
      out.push(loc.error(path, message));
      return;
    }
    case 'invalid_key':
      for (const sub of issue.issues) out.push(loc.keyError(path, `invalid key: ${sub.message}`));
      return;
    case 'custom': {
      const params = issue.params ?? {};
      const expected = typeof params.expected === 'string' ? params.expected : undefined;
      if (params.key === true) out.push(loc.keyError(path, issue.message, expected));
      else if (typeof params.offset === 'number') {
        const at = loc.at(path, { offset: params.offset });
        const e = loc.error(path, issue.message, expected);
        out.push(new LocatedError({ ...e.toJSON(), line: at.line, column: at.column }));
      } else out.push(loc.error(path, issue.message, expected));
      return;
    }
    default:
      out.push(loc.error(path, issue.message));
  }
}

/** How badly a union branch failed: each unknown key and each other problem counts, less when deeper. */
function score(issues: readonly Issue[]): number {
  // A problem deep inside a branch means the outer shape fitted: it weighs less than one at the top.
  return issues.reduce(
    (n, i) => n + (i.code === 'unrecognized_keys' ? i.keys.length : 1) / (1 + i.path.length),
    0,
  );
}

function valueAt(data: unknown, path: FieldPath): unknown {
  let v = data;
  for (const seg of path) {
    if (Array.isArray(v) && typeof seg === 'number') v = v[seg];
    else if (isRecord(v)) v = v[String(seg)];
    else return undefined;
  }
  return v;
}

// Navigating a schema by path, for "expected one of: <known keys>" hints. It reads zod's `def`
// records, so any surprise there just means no hint.
interface Def {
  type: string;
  shape?: Record<string, AnySchema>;
  element?: AnySchema;
  innerType?: AnySchema;
  in?: AnySchema;
  valueType?: AnySchema;
  options?: AnySchema[];
  discriminator?: string;
}
const defOf = (s: AnySchema): Def => s._zod.def as unknown as Def;

function unwrap(s: AnySchema): AnySchema {
  let cur = s;
  for (
    let d = defOf(cur);
    ['optional', 'default', 'nullable', 'pipe', 'prefault'].includes(d.type);
    d = defOf(cur)
  ) {
    const next = d.innerType ?? d.in;
    if (next === undefined) break;
    cur = next;
  }
  return cur;
}

function unionOptions(s: AnySchema): AnySchema[] {
  return defOf(unwrap(s)).options ?? [];
}

function objectKeys(s: AnySchema): string[] {
  return Object.keys(defOf(unwrap(s)).shape ?? {});
}

function schemaAt(
  s: AnySchema | undefined,
  path: FieldPath,
  data: unknown,
  base: FieldPath,
): AnySchema | undefined {
  let cur = s;
  const walked: (string | number)[] = [...base];
  for (const seg of [...path, null]) {
    if (cur === undefined) return undefined;
    cur = unwrap(cur);
    const d = defOf(cur);
    if (d.type === 'union' && d.discriminator === undefined) {
      // zod reports the issues of the one branch that came close: find it by the keys present.
      const v = valueAt(data, walked);
      const keys = isRecord(v) ? Object.keys(v) : [];
      let best: AnySchema | undefined;
      let bestScore = -Infinity;
      for (const o of d.options ?? []) {
        const shape = objectKeys(o);
        const sc =
          keys.filter((k) => shape.includes(k)).length - keys.filter((k) => !shape.includes(k)).length;
        if (sc > bestScore) [best, bestScore] = [o, sc];
      }
      if (seg === null) return best ?? cur;
      if (best !== undefined) cur = unwrap(best);
    } else if (d.type === 'union' && d.discriminator !== undefined) {
      const tag = valueAt(data, [...walked, d.discriminator]);
      cur = d.options?.find((o) => {
        const values = (o._zod as { propValues?: Record<string, Set<unknown>> }).propValues?.[
          d.discriminator ?? ''
        ];
        return values?.has(tag) ?? false;
      });
      if (cur === undefined) return undefined;
      cur = unwrap(cur);
    }
    if (seg === null) return cur;
    const dd = defOf(cur);
    cur =
      dd.type === 'object'
        ? dd.shape?.[String(seg)]
        : dd.type === 'array'
          ? dd.element
          : dd.type === 'record'
            ? dd.valueType
            : undefined;
    walked.push(seg);
  }
  return cur;
}
