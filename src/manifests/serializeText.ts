/**
 * JSON and YAML text as `kubectl -o json` / `-o yaml` writes it. kubectl prints unstructured
 * objects, i.e. Go maps, so keys come out sorted: byte order from encoding/json, and go-yaml's
 * natural order (numbers inside keys compare by value) from sigs.k8s.io/yaml.
 */
import { stringify } from 'yaml';
import type { JsonValue } from './serialize';

/** Output options. */
export interface TextOptions {
  /** Sort object keys as kubectl does (default true); false keeps insertion order. */
  readonly sortKeys?: boolean;
}

function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const isDigit = (c: string): boolean => c >= '0' && c <= '9';
const isLetter = (c: string): boolean => /\p{L}/u.test(c);

/**
 * go-yaml v2's map key order (yaml.v2 sorter.go keyList.Less) for string keys: letters compare by
 * code point, a run of digits compares by numeric value (`node9` < `node10`), and a non-letter
 * sorts before a letter unless it follows a digit.
 */
export function goYamlKeyOrder(a: string, b: string): number {
  const ar = [...a];
  const br = [...b];
  let digits = false;
  for (let i = 0; i < ar.length && i < br.length; i++) {
    const ac = ar[i] ?? '';
    const bc = br[i] ?? '';
    if (ac === bc) {
      digits = isDigit(ac);
      continue;
    }
    const al = isLetter(ac);
    const bl = isLetter(bc);
    if (al && bl) return ac < bc ? -1 : 1;
    if (al || bl) {
      const aLess = digits ? al : bl;
      return aLess ? -1 : 1;
    }
    let an = 0;
    let bn = 0;
    if (ac === '0' || bc === '0') {
      for (let j = i - 1; j >= 0 && isDigit(ar[j] ?? ''); j--) {
        if (ar[j] !== '0') {
          an = 1;
          bn = 1;
          break;
        }
      }
    }
    let ai = i;
    for (; ai < ar.length && isDigit(ar[ai] ?? ''); ai++) an = an * 10 + Number(ar[ai]);
    let bi = i;
    for (; bi < br.length && isDigit(br[bi] ?? ''); bi++) bn = bn * 10 + Number(br[bi]);
    if (an !== bn) return an < bn ? -1 : 1;
    if (ai !== bi) return ai < bi ? -1 : 1;
    return ac < bc ? -1 : 1;
  }
  return ar.length === br.length ? 0 : ar.length < br.length ? -1 : 1;
}

function sortKeys(value: JsonValue, order: (a: string, b: string) => number): JsonValue {
  if (Array.isArray(value)) return value.map((v) => sortKeys(v, order));
  if (value === null || typeof value !== 'object') return value;
  const out: { [key: string]: JsonValue } = {};
  for (const k of Object.keys(value).sort(order)) out[k] = sortKeys(value[k] as JsonValue, order);
  return out;
}

/** JSON as `kubectl -o json`: 4-space indent (printers.JSONPrinter MarshalIndent), newline at the end. */
export function toJson(value: JsonValue, options: TextOptions = {}): string {
  const v = options.sortKeys === false ? value : sortKeys(value, byteOrder);
  return `${JSON.stringify(v, null, 4)}\n`;
}

/**
 * YAML as `kubectl -o yaml` (sigs.k8s.io/yaml over go-yaml v2): block style, 2-space indent,
 * sequences not indented under their key, YAML 1.1 quoting (`"yes"`, `"on"`, timestamps and
 * numbers in strings are double-quoted). Simplification: long strings are never folded, where
 * go-yaml folds plain scalars at 80 columns.
 */
export function toYaml(value: JsonValue, options: TextOptions = {}): string {
  const v = options.sortKeys === false ? value : sortKeys(value, goYamlKeyOrder);
  return stringify(v, { version: '1.1', indent: 2, indentSeq: false, lineWidth: 0 });
}
