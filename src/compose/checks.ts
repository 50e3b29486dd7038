/**
 * Field checks shared by the compose loader's modules: each records a located error in the
 * {@link Checker} and returns undefined when the value is unusable.
 */
import type { FieldPath } from '../model';
import { type Checker, describeValue, isRecord } from '../manifests';
import { BYTES_EXAMPLES, DURATION_EXAMPLES, parseBytes, parseCpus, parseDurationMs } from './units';

export function checkDuration(c: Checker, v: unknown, path: FieldPath): number | undefined {
  if (v === 0) return 0;
  const ms = typeof v === 'string' ? parseDurationMs(v) : undefined;
  if (ms === undefined) return c.error(path, `invalid duration ${describeValue(v)}`, DURATION_EXAMPLES);
  return ms;
}

export function checkBytes(c: Checker, v: unknown, path: FieldPath): number | undefined {
  const bytes = typeof v === 'string' || typeof v === 'number' ? parseBytes(v) : undefined;
  if (bytes === undefined) return c.error(path, `invalid size ${describeValue(v)}`, BYTES_EXAMPLES);
  return bytes;
}

export function checkCpus(c: Checker, v: unknown, path: FieldPath): string | undefined {
  const cpus = typeof v === 'string' || typeof v === 'number' ? parseCpus(v) : undefined;
  if (cpus === undefined)
    return c.error(path, `invalid cpus ${describeValue(v)}`, "a number of CPUs such as '0.5' or 2");
  return cpus;
}

/**
 * The largest count Flotilla takes (replicas, retries, parallelism...): a 32-bit signed integer,
 * the type of Kubernetes' `replicas` and of most counts `flotilla convert` writes. Compose itself
 * allows 64-bit counts, which no host runs anyway.
 */
export const MAX_COUNT = 2_147_483_647;

/** An integer from min to {@link MAX_COUNT}; numeric strings (`"3"`) are accepted, as compose-go converts them. */
export function checkInt(c: Checker, v: unknown, path: FieldPath, min = 0): number | undefined {
  const n = typeof v === 'string' && /^-?\d+$/.test(v.trim()) ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isInteger(n)) return c.wrongType(path, v, 'an integer');
  if (n < min) return c.error(path, `must be ${min} or more, got ${n}`);
  if (n > MAX_COUNT) return c.error(path, `must be at most ${MAX_COUNT}, got ${describeValue(v)}`);
  return n;
}

export function checkBool(c: Checker, v: unknown, path: FieldPath): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (v === 'true' || v === 'false') return v === 'true';
  return c.wrongType(path, v, 'true or false');
}

/** A scalar as a string (labels and environment values may be written as numbers or booleans). */
function scalarString(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

/** A list of strings, or one string when `single` (e.g. `profiles`, `env_file`). */
export function checkStrings(c: Checker, v: unknown, path: FieldPath, single = false): string[] | undefined {
  if (single && typeof v === 'string') return [v];
  const list = c.list(v, path);
  if (list === undefined) return undefined;
  const out: string[] = [];
  let ok = true;
  list.forEach((x, i) => {
    const s = scalarString(x);
    if (s === undefined) ok = c.wrongType([...path, i], x, 'a string') ?? false;
    else out.push(s);
  });
  return ok ? out : undefined;
}

/**
 * A map of strings written as a map (`KEY: value`) or a list (`KEY=value`), as `labels`,
 * `environment` and `deploy.labels` may be. List entries without `=` and null map values are
 * returned in `unset`.
 */
export function checkStringMap(
  c: Checker,
  v: unknown,
  path: FieldPath,
): { values: Record<string, string>; unset: { key: string; path: FieldPath }[] } | undefined {
  const values: Record<string, string> = {};
  const unset: { key: string; path: FieldPath }[] = [];
  if (Array.isArray(v)) {
    v.forEach((entry, i) => {
      const s = scalarString(entry);
      if (s === undefined) return void c.wrongType([...path, i], entry, 'a string such as KEY=value');
      const eq = s.indexOf('=');
      if (eq < 0) unset.push({ key: s, path: [...path, i] });
      else values[s.slice(0, eq)] = s.slice(eq + 1);
    });
    return { values, unset };
  }
  if (!isRecord(v)) return c.wrongType(path, v, 'a map or a list of KEY=value');
  for (const [k, val] of Object.entries(v)) {
    if (val === null || val === undefined) unset.push({ key: k, path: [...path, k] });
    else {
      const s = scalarString(val);
      if (s === undefined) c.wrongType([...path, k], val, 'a string, number or boolean');
      else values[k] = s;
    }
  }
  return { values, unset };
}
