/**
 * Kubernetes resource quantities (k8s.io/apimachinery/pkg/api/resource/quantity.go):
 * `<sign><digits>[.<digits>][<suffix>]` where the suffix is a binary SI (Ki Mi Gi Ti Pi Ei),
 * a decimal SI (n u m "" k M G T P E) or a decimal exponent (e3, E6).
 *
 * Flotilla keeps amounts as integers in a canonical unit per resource: CPU in millicores
 * (Quantity.MilliValue) and everything else in whole units (Quantity.Value, bytes for memory),
 * rounded up as Kubernetes rounds them.
 */

const BINARY: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const DECIMAL: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const QUANTITY_RE = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(?:(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE])|[eE]([+-]?\d+))?$/;

/** A parsed quantity as an exact rational: sign * digits * 10^exp10 * 2^exp2. */
export interface ParsedQuantity {
  readonly negative: boolean;
  readonly digits: bigint;
  readonly exp10: number;
  readonly exp2: number;
}

/** Parses a quantity string; returns undefined when it is not a valid Kubernetes quantity. */
export function parseQuantity(text: string | number): ParsedQuantity | undefined {
  // ParseQuantity does not trim: " 100m" is not a quantity.
  const s = typeof text === 'number' ? numberToQuantityText(text) : text;
  const m = QUANTITY_RE.exec(s);
  if (!m) return undefined;
  const [, sign, num = '', suffix, exponent] = m;
  const [intPart = '', frac = ''] = num.split('.');
  const digits = BigInt((intPart + frac).replace(/^0+(?=\d)/, '') || '0');
  let exp10 = -frac.length;
  let exp2 = 0;
  if (exponent !== undefined) exp10 += Number(exponent);
  else if (suffix !== undefined && suffix in BINARY) exp2 = BINARY[suffix] ?? 0;
  else exp10 += DECIMAL[suffix ?? ''] ?? 0;
  return { negative: sign === '-', digits, exp10, exp2 };
}

function numberToQuantityText(n: number): string {
  // YAML gives `cpu: 2` or `cpu: 0.5` as numbers; print them without exponent where possible.
  return Number.isInteger(n) ? n.toFixed(0) : String(n);
}

/** Value scaled by 10^scale, rounded away from zero, as Kubernetes' ScaledValue does. */
function scaledValue(q: ParsedQuantity, scale: number): number {
  let num = q.digits * 2n ** BigInt(q.exp2);
  let den = 1n;
  const e = q.exp10 - scale;
  if (e >= 0) num *= 10n ** BigInt(e);
  else den = 10n ** BigInt(-e);
  let v = num / den;
  if (num % den !== 0n) v += 1n;
  return Number(q.negative ? -v : v);
}

/** The canonical integer amount of `resource` (millicores for cpu, whole units otherwise). */
export function toCanonical(resource: string, q: ParsedQuantity): number {
  return scaledValue(q, resource === 'cpu' ? -3 : 0);
}

/**
 * Canonical amounts already computed, by unit (cpu or other) and text. A cluster's manifests use a
 * handful of distinct quantities ("100m", "128Mi"), while the scheduler needs the requests of every
 * pod it sees; exact BigInt arithmetic per pod was a tenth of a scheduling cycle. Bounded: cleared
 * when full, which only costs recomputation. The one module-level collection in src/, on purpose:
 * a memo of a pure function of a string, so no run can see another through it, and callers (object
 * loaders, printers) have no run's Memo at hand.
 */
// eslint-disable-next-line no-restricted-syntax -- a bounded memo of a pure function of primitives (above)
const canonicalCache = [new Map<string | number, number | null>(), new Map<string | number, number | null>()];
const CANONICAL_CACHE_LIMIT = 4096;

/** Parses and converts in one go; undefined when the text is not a quantity. */
export function canonicalAmount(resource: string, text: string | number): number | undefined {
  const cache = canonicalCache[resource === 'cpu' ? 0 : 1] as Map<string | number, number | null>;
  const hit = cache.get(text);
  if (hit !== undefined) return hit ?? undefined;
  const q = parseQuantity(text);
  const value = q === undefined ? undefined : toCanonical(resource, q);
  if (cache.size >= CANONICAL_CACHE_LIMIT) cache.clear();
  cache.set(text, value ?? null);
  return value;
}

/** A map of resource name to canonical integer amount. */
export type ResourceList = Record<string, number>;

/** Formats a canonical amount the way kubectl shows it (`250m`, `2`, `512Mi`, `1Gi`). */
export function formatAmount(resource: string, amount: number): string {
  if (resource === 'cpu') return amount % 1000 === 0 ? String(amount / 1000) : `${amount}m`;
  if (resource === 'memory' || resource.endsWith('storage')) {
    for (const [suffix, shift] of [
      ['Ti', 40],
      ['Gi', 30],
      ['Mi', 20],
      ['Ki', 10],
    ] as const) {
      const unit = 2 ** shift;
      if (amount !== 0 && amount % unit === 0) return `${amount / unit}${suffix}`;
    }
  }
  return String(amount);
}
