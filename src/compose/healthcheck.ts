/**
 * `healthcheck:` with Docker's defaults (Dockerfile reference, HEALTHCHECK: interval 30s, timeout
 * 30s, start period 0s, start interval 5s, retries 3). A zero interval, timeout, start interval or
 * retries means "the default" to the Docker engine (daemon/health.go), so it is folded the same way.
 */
import type { FieldPath, Healthcheck } from '../model';
import type { Checker } from '../manifests';
import { checkBool, checkDuration, checkInt, checkStrings } from './checks';
import { warnUnknownKeys } from './keys';

const HEALTHCHECK_DEFAULTS = {
  intervalMs: 30_000,
  timeoutMs: 30_000,
  retries: 3,
  startPeriodMs: 0,
  startIntervalMs: 5_000,
} as const;

const KEYS = ['test', 'interval', 'timeout', 'retries', 'start_period', 'start_interval', 'disable'];

export function parseHealthcheck(c: Checker, raw: unknown, path: FieldPath): Healthcheck | undefined {
  const m = c.map(raw, path);
  if (m === undefined) return undefined;
  warnUnknownKeys(c, m, path, KEYS);
  const errors = c.errors.length;
  const disable = m.disable === undefined ? false : checkBool(c, m.disable, [...path, 'disable']);
  let test: string[] = [];
  if (typeof m.test === 'string') test = ['CMD-SHELL', m.test];
  else if (m.test !== undefined && m.test !== null) {
    const list = checkStrings(c, m.test, [...path, 'test']) ?? [];
    const first = list[0];
    if (first !== 'NONE' && first !== 'CMD' && first !== 'CMD-SHELL')
      c.error(
        [...path, 'test'],
        `a test list must start with NONE, CMD or CMD-SHELL, got ${JSON.stringify(first ?? '')}`,
      );
    test = list;
  }
  const dur = (key: string, dflt: number, zeroIsDefault: boolean) => {
    if (m[key] === undefined) return dflt;
    const ms = checkDuration(c, m[key], [...path, key]) ?? dflt;
    return zeroIsDefault && ms === 0 ? dflt : ms;
  };
  const d = HEALTHCHECK_DEFAULTS;
  const retries =
    m.retries === undefined ? d.retries : (checkInt(c, m.retries, [...path, 'retries']) ?? d.retries);
  const out: Healthcheck = {
    test,
    intervalMs: dur('interval', d.intervalMs, true),
    timeoutMs: dur('timeout', d.timeoutMs, true),
    retries: retries === 0 ? d.retries : retries,
    startPeriodMs: dur('start_period', d.startPeriodMs, false),
    startIntervalMs: dur('start_interval', d.startIntervalMs, true),
    disabled: disable === true || test[0] === 'NONE',
  };
  if (c.errors.length > errors) return undefined;
  if (!out.disabled && test.length === 0)
    c.warn(path, "no test: Docker would run the image's own HEALTHCHECK, which Flotilla cannot see");
  return out;
}
