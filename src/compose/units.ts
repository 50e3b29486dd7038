/**
 * Compose's value formats: durations (`1m30s`, `10s`, `500ms`) and Docker's byte units (`512m`,
 * `1.5G`, `1024k`). Each parser returns undefined for text it does not accept, so the caller can
 * write a located error naming the field.
 */

const DURATION_UNITS_MS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

/** What the compose specification accepts as a duration, for error messages. */
export const DURATION_EXAMPLES = 'a duration such as 1m30s, 10s or 500ms';

/**
 * A duration in whole milliseconds (rounded). Go's `time.ParseDuration` grammar, which compose-go
 * uses (compose spec "Specifying durations": `{value}{unit}` pairs, units us, ms, s, m, h): a
 * sequence of decimal numbers each with a unit, e.g. `1h30m`, `1.5s`; a bare `0` is zero.
 */
export function parseDurationMs(text: string): number | undefined {
  const s = text.trim();
  if (s === '0') return 0;
  const part = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/y;
  let total = 0;
  let at = 0;
  while (at < s.length) {
    part.lastIndex = at;
    const m = part.exec(s);
    if (m === null) return undefined;
    total += Number(m[1]) * (DURATION_UNITS_MS[m[2] as string] ?? 0);
    at = part.lastIndex;
  }
  // Go's time.Duration is an int64 of nanoseconds: ParseDuration refuses anything longer (~292 years).
  return at === 0 || total > MAX_DURATION_MS ? undefined : Math.round(total);
}

/** 2^63 - 1 ns, the longest Go duration, in ms. */
const MAX_DURATION_MS = 9_223_372_036_854;

/** Docker's byte units, binary (docker/go-units RAMInBytes): b, k, m, g, t, p, with optional `b`/`ib`. */
const BYTE_UNITS: Record<string, number> = {
  '': 1,
  k: 1024,
  m: 1024 ** 2,
  g: 1024 ** 3,
  t: 1024 ** 4,
  p: 1024 ** 5,
};

export const BYTES_EXAMPLES = 'a size such as 512m, 1g, 1.5G or a number of bytes';

/**
 * A byte count from Docker's notation (`512m` = 512 MiB, `1g`, `1.5G`, `50M`, `1024k`, `100` bytes).
 * Docker's units are binary whatever the case: `50M` is 52428800 bytes (go-units RAMInBytes).
 */
export function parseBytes(value: string | number): number | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0 ? value : undefined;
  const m = /^(\d+(?:\.\d+)?) ?([kmgtp]?)(?:i?b)?$/i.exec(value.trim());
  if (m === null) return undefined;
  const unit = BYTE_UNITS[(m[2] ?? '').toLowerCase()] ?? 1;
  const bytes = Math.floor(Number(m[1]) * unit);
  // go-units keeps sizes in an int64; beyond 2^53 bytes (8 PiB) a JS number is no longer exact.
  return Number.isSafeInteger(bytes) ? bytes : undefined;
}

const MAX_CPUS = 1_000_000;

/** `cpus:` as a decimal string (`'0.5'`, `2` → `'2'`); undefined for anything that is not a number >= 0. */
export function parseCpus(value: string | number): string | undefined {
  const s = typeof value === 'number' ? String(value) : value.trim();
  if (!/^(\d+(\.\d*)?|\.\d+)$/.test(s)) return undefined;
  const cpus = Number(s);
  // Docker keeps CPUs as an int64 of nano-CPUs (NanoCPUs); Kubernetes as milli-CPUs. Past a
  // million CPUs the number is nonsense and would print as 1e+21m.
  if (cpus > MAX_CPUS) return undefined;
  // Normalise `.5` and `0.50` so consumers compare strings safely.
  return String(cpus);
}
