/**
 * Turns zod issues into located, human messages: `timeline[2].at: invalid duration "5x"
 * (expected 30s, 5m, 1h30m, 250ms or 1.5s)`. The position comes from the YAML node at the issue's
 * path (the key's position for an unknown field, the parent's for a missing one). For a union that
 * matched no branch, the branch with the fewest problems is taken as the one the author meant, so
 * the message is about their typo rather than a list of every form the entry could have had.
 */
import type { z } from 'zod';
import { type FieldPath, LocatedError } from '../model';
import { closest, describeValue, type Locator } from '../manifests';
import { objectKeys, schemaAt, unionOptions, valueAt } from './schemaAt';

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

/** Where an issue is: its path from the root and from the schema it was checked against, and the value there. */
interface Site {
  base: FieldPath;
  baseSchema: AnySchema | undefined;
  rel: FieldPath;
  path: FieldPath;
  value: unknown;
  data: unknown;
  loc: Locator;
  out: LocatedError[];
}

type IssueOf<C extends Issue['code']> = Extract<Issue, { code: C }>;

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
  const site: Site = { base, baseSchema, rel, path, value, data, loc, out };
  switch (issue.code) {
    case 'invalid_union':
      unionIssue(issue, site);
      return;
    case 'unrecognized_keys':
      unknownKeys(issue, site);
      return;
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
    case 'too_big':
      out.push(loc.error(path, sizeMessage(issue, value)));
      return;
    case 'invalid_key':
      for (const sub of issue.issues) out.push(loc.keyError(path, `invalid key: ${sub.message}`));
      return;
    case 'custom':
      out.push(customError(issue, path, loc));
      return;
    default:
      out.push(loc.error(path, issue.message));
  }
}

/**
 * A union that matched no branch: an unknown discriminator value, a value of none of the accepted
 * types, or the issues of the branch the author most likely meant.
 */
function unionIssue(issue: IssueOf<'invalid_union'>, site: Site): void {
  const { path, value, data, loc, out } = site;
  if (issue.discriminator !== undefined && issue.errors.length === 0) {
    const opts = (('options' in issue ? issue.options : undefined) ?? [])
      .filter((o) => o !== undefined && o !== null)
      .map(String);
    const guess = typeof value === 'string' ? closest(value, opts) : undefined;
    out.push(
      loc.error(
        path,
        `unknown ${issue.discriminator} ${JSON.stringify(value)}`,
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
    const kinds = branches.map((b) => EXPECTED_NAMES[(b[0] as { expected: string }).expected] ?? 'a value');
    out.push(loc.error(path, `expected ${[...new Set(kinds)].join(' or ')}, got ${describeValue(value)}`));
    return;
  }
  let best = 0;
  for (let i = 1; i < branches.length; i++)
    if (score(branches[i] ?? []) < score(branches[best] ?? [])) best = i;
  const union = schemaAt(site.baseSchema, site.rel, data, site.base);
  const branchSchema = union === undefined ? undefined : unionOptions(union)[best];
  for (const sub of branches[best] ?? []) mapIssue(sub, path, branchSchema, data, loc, out);
}

/** Unknown fields, each with the closest known key (or the known keys) as the expectation. */
function unknownKeys(issue: IssueOf<'unrecognized_keys'>, site: Site): void {
  const objSchema = schemaAt(site.baseSchema, site.rel, site.data, site.base);
  const known = objSchema === undefined ? [] : objectKeys(objSchema);
  for (const key of issue.keys) {
    const guess = closest(key, known);
    const expected =
      guess !== undefined ? `"${guess}"` : known.length > 0 ? `one of: ${known.join(', ')}` : undefined;
    site.out.push(site.loc.keyError([...site.path, key], `unknown field "${key}"`, expected));
  }
}

/** A list, string or number out of its bounds, said in the terms of what it is. */
function sizeMessage(issue: IssueOf<'too_small'> | IssueOf<'too_big'>, value: unknown): string {
  const small = issue.code === 'too_small';
  const limit = Number(issue.code === 'too_small' ? issue.minimum : issue.maximum);
  if (issue.origin === 'array')
    return `needs ${small ? 'at least' : 'at most'} ${limit} item${limit === 1 ? '' : 's'}`;
  if (issue.origin === 'string')
    return small && limit === 1
      ? 'must not be empty'
      : `must be ${small ? 'at least' : 'at most'} ${limit} characters long`;
  return `invalid value ${describeValue(value)}: must be ${small ? 'greater' : 'less'} than ${issue.inclusive === false ? '' : 'or equal to '}${limit}`;
}

/** A refinement's issue: at the key (`params.key`), at an offset inside the value, or at the value. */
function customError(issue: IssueOf<'custom'>, path: FieldPath, loc: Locator): LocatedError {
  const params = issue.params ?? {};
  const expected = typeof params.expected === 'string' ? params.expected : undefined;
  if (params.key === true) return loc.keyError(path, issue.message, expected);
  if (typeof params.offset === 'number') {
    const at = loc.at(path, { offset: params.offset });
    const e = loc.error(path, issue.message, expected);
    return new LocatedError({ ...e.toJSON(), line: at.line, column: at.column });
  }
  return loc.error(path, issue.message, expected);
}

/** How badly a union branch failed: each unknown key and each other problem counts, less when deeper. */
function score(issues: readonly Issue[]): number {
  // A problem deep inside a branch means the outer shape fitted: it weighs less than one at the top.
  return issues.reduce(
    (n, i) => n + (i.code === 'unrecognized_keys' ? i.keys.length : 1) / (1 + i.path.length),
    0,
  );
}
