/**
 * Durations in scenario files, in the notation of Go's time.ParseDuration (and so of kubectl and
 * component flags such as `--node-monitor-grace-period=40s`): one or more `<number><unit>` parts
 * with units `h`, `m`, `s`, `ms`, e.g. `30s`, `5m`, `1h30m`, `250ms`, `1.5s`. The simulator's clock
 * counts whole milliseconds, so a duration that is not a whole number of milliseconds is refused.
 */

const PART_RE = /(\d+(?:\.\d+)?)(ms|h|m|s)/y;
const UNIT_MS: Record<string, bigint> = { h: 3_600_000n, m: 60_000n, s: 1000n, ms: 1n };

/** The pattern a duration string matches (exported for the JSON Schema, so editors check it too). */
export const DURATION_PATTERN = '^(0|(\\d+(\\.\\d+)?(ms|h|m|s))+)$';

/** Raised by {@link parseDuration}; the message says what is wrong and shows valid examples. */
export class DurationError extends Error {
  override readonly name = 'DurationError';
}

/** What a valid duration looks like, for "expected ..." hints. */
export const DURATION_EXAMPLES = '30s, 5m, 1h30m, 250ms or 1.5s';

/**
 * Parses a duration to integer milliseconds. Accepts `0` (bare zero, as Go does) and sums of
 * `<number><unit>` parts. Throws {@link DurationError} on anything else, including negative values
 * (nothing in a scenario runs backwards in time) and sub-millisecond precision.
 */
export function parseDuration(text: string): number {
  const s = text.trim();
  if (s === '0') return 0;
  if (s.startsWith('-'))
    throw new DurationError(`negative duration "${text}" (durations count from the start)`);
  if (s === '') throw new DurationError('empty duration');
  // Exact decimal arithmetic: `1.5s` must give 1500, never 1499.9999.
  let num = 0n; // total, in ms * 10^scale
  let scale = 0;
  PART_RE.lastIndex = 0;
  let i = 0;
  while (i < s.length) {
    PART_RE.lastIndex = i;
    const m = PART_RE.exec(s);
    if (!m) throw new DurationError(`invalid duration "${text}"`);
    const [whole, digits = '', unit = ''] = m;
    const [int = '', frac = ''] = digits.split('.');
    const partScale = frac.length;
    const part = BigInt(int + frac) * (UNIT_MS[unit] ?? 0n);
    // Bring both to the larger scale before adding.
    if (partScale > scale) {
      num *= 10n ** BigInt(partScale - scale);
      scale = partScale;
    }
    num += part * 10n ** BigInt(scale - partScale);
    i += whole.length;
  }
  const den = 10n ** BigInt(scale);
  if (num % den !== 0n) throw new DurationError(`duration "${text}" is not a whole number of milliseconds`);
  const ms = num / den;
  if (ms > BigInt(Number.MAX_SAFE_INTEGER)) throw new DurationError(`duration "${text}" is too long`);
  return Number(ms);
}

/**
 * Formats milliseconds the way Go prints a time.Duration, so that `parseDuration(formatDuration(x))`
 * gives x back: `0s`, `250ms`, `1.5s`, `5m`, `1h30m`, `1m30.5s`.
 */
export function formatDuration(ms: number): string {
  if (!Number.isInteger(ms)) throw new DurationError(`not a whole number of milliseconds: ${ms}`);
  if (ms < 0) return `-${formatDuration(-ms)}`;
  if (ms === 0) return '0s';
  if (ms < 1000) return `${ms}ms`;
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const rest = ms % 60_000;
  let out = '';
  if (h > 0) out += `${h}h`;
  if (m > 0) out += `${m}m`;
  if (rest > 0) {
    const secs = Math.floor(rest / 1000);
    const milli = rest % 1000;
    out += milli === 0 ? `${secs}s` : `${secs}.${String(milli).padStart(3, '0').replace(/0+$/, '')}s`;
  }
  return out;
}
