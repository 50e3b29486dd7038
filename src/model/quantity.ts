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
 * The factors of each suffix of the integer fast path: [multiplier, divisor] for cpu (millicores),
 * then for everything else (whole units), all exact as numbers; indexed by suffixIndex.
 */
const FAST_FACTORS: readonly (readonly [number, number, number, number])[] = [
  // '' m k M G T P E
  [1000, 1, 1, 1],
  [1, 1, 1, 1000],
  [1e6, 1, 1e3, 1],
  [1e9, 1, 1e6, 1],
  [1e12, 1, 1e9, 1],
  [1e15, 1, 1e12, 1],
  [1e18, 1, 1e15, 1],
  [1e21, 1, 1e18, 1],
  // Ki Mi Gi Ti Pi Ei
  [1000 * 2 ** 10, 1, 2 ** 10, 1],
  [1000 * 2 ** 20, 1, 2 ** 20, 1],
  [1000 * 2 ** 30, 1, 2 ** 30, 1],
  [1000 * 2 ** 40, 1, 2 ** 40, 1],
  [1000 * 2 ** 50, 1, 2 ** 50, 1],
  [1000 * 2 ** 60, 1, 2 ** 60, 1],
];

/** FAST_FACTORS' index of the suffix text[i..], or -1 when the fast path does not take it. */
function suffixIndex(text: string, i: number): number {
  const rest = text.length - i;
  if (rest === 0) return 0;
  const c = text.charCodeAt(i);
  if (rest === 1) {
    const k = 'mkMGTPE'.indexOf(text[i] as string);
    return k < 0 ? -1 : k + 1;
  }
  if (rest !== 2 || text.charCodeAt(i + 1) !== 105 /* i */) return -1;
  const k = 'KMGTPE'.indexOf(String.fromCharCode(c));
  return k < 0 ? -1 : k + 8;
}

/**
 * The canonical amount of the common forms (`100m`, `128Mi`, `0.5`, `2`: up to 15 digits, a
 * fraction, a suffix) in plain integer arithmetic, or undefined for anything else (a sign, an
 * exponent, n or u, a result past 2^53), which takes the exact path. A cluster's manifests use a
 * handful of quantities while the scheduler and the kubelet read the requests of every pod: the
 * BigInt path costs about a microsecond a call, this one a few dozen nanoseconds, so it needs no
 * cache (and the core keeps no module state).
 */
function fastCanonical(resource: string, value: string | number): number | undefined {
  const text = typeof value === 'number' ? numberToQuantityText(value) : value;
  let d = 0;
  let digits = 0;
  let i = 0;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) break;
    d = d * 10 + c;
    digits++;
  }
  if (digits === 0) return undefined;
  let fraction = 1;
  if (text.charCodeAt(i) === 46 /* . */)
    for (i++; i < text.length; i++) {
      const c = text.charCodeAt(i) - 48;
      if (c < 0 || c > 9) break;
      d = d * 10 + c;
      digits++;
      fraction *= 10;
    }
  if (digits > 15) return undefined;
  const k = suffixIndex(text, i);
  if (k < 0) return undefined;
  const f = FAST_FACTORS[k] as readonly [number, number, number, number];
  const cpu = resource === 'cpu';
  const num = d * (cpu ? f[0] : f[2]);
  if (!Number.isSafeInteger(num)) return undefined;
  const den = (cpu ? f[1] : f[3]) * fraction;
  if (den === 1) return num;
  // Rounded up, as ScaledValue rounds away from zero; % and the division are exact on safe integers.
  const rest = num % den;
  return (num - rest) / den + (rest === 0 ? 0 : 1);
}

/** Parses and converts in one go; undefined when the text is not a quantity. */
export function canonicalAmount(resource: string, text: string | number): number | undefined {
  const fast = fastCanonical(resource, text);
  if (fast !== undefined) return fast;
  const q = parseQuantity(text);
  return q === undefined ? undefined : toCanonical(resource, q);
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
