/**
 * What the Service and NetworkPolicy checks (loadServiceSpec.ts, loadNetwork.ts) share, with the
 * apiserver's wording: unknown keys, protocols, port numbers and port names.
 */
import type { FieldPath, Protocol } from '../model';
import { type Checker, closest } from './loadChecks';

const PROTOCOLS = ['TCP', 'UDP', 'SCTP'] as const;
/** IANA_SVC_NAME (validation.go IsValidPortName): at most 15 chars, a-z0-9 and '-', a letter, no '--'. */
const PORT_NAME = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;
const PORT_RANGE_MSG = 'must be between 1 and 65535, inclusive';

function isPortName(s: string): boolean {
  return s.length <= 15 && PORT_NAME.test(s) && /[a-z]/.test(s) && !s.includes('--');
}

/** An error for each key of `m` not in `known`, suggesting the closest known one. */
export function unknownFields(
  c: Checker,
  m: Record<string, unknown>,
  path: FieldPath,
  known: readonly string[],
): void {
  for (const k of Object.keys(m)) {
    if (known.includes(k)) continue;
    const guess = closest(k, known);
    c.errors.push(
      c.loc.keyError(
        [...path, k],
        `unknown field "${k}"`,
        guess ? `"${guess}"` : `one of: ${known.join(', ')}`,
      ),
    );
  }
}

/** A port's protocol (TCP when unset). */
export function protocol(c: Checker, v: unknown, path: FieldPath): Protocol | undefined {
  if (v === undefined) return 'TCP';
  if (typeof v === 'string' && (PROTOCOLS as readonly string[]).includes(v)) return v as Protocol;
  return c.error(path, `Unsupported value: ${JSON.stringify(v)}`, `one of: ${PROTOCOLS.join(', ')}`);
}

/** A port number 1-65535. */
export function portNumber(c: Checker, v: unknown, path: FieldPath): number | undefined {
  if (typeof v !== 'number' || !Number.isInteger(v)) return c.wrongType(path, v, 'a port number (1-65535)');
  if (v < 1 || v > 65535) return c.error(path, `Invalid value: ${v}: ${PORT_RANGE_MSG}`);
  return v;
}

/** A port number or an IANA port name (targetPort, NetworkPolicy port). */
export function intOrPortName(c: Checker, v: unknown, path: FieldPath): number | string | undefined {
  if (typeof v === 'string') {
    if (/^\d+$/.test(v)) return portNumber(c, Number(v), path);
    if (!isPortName(v))
      return c.error(
        path,
        `Invalid value: "${v}": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-), at most 15 characters, at least one letter`,
        'a port number or a container port name such as "http"',
      );
    return v;
  }
  return portNumber(c, v, path);
}
