/**
 * What the `kubectl get` printers share: the options, namespace filtering, the API server's list
 * order, and the "No resources found" message.
 */
import type { LabelSelector, ObjectMeta } from '../model';
import { printTable } from './printTable';

/** Options of the `kubectl get` printers (`-o wide`, `-A`, `-n`). */
export interface GetOptions {
  /** `-o wide`: the extra columns (priority 1 in kubectl's column definitions). */
  readonly wide?: boolean;
  /** `-A` / `--all-namespaces`: every namespace, with a NAMESPACE column first. */
  readonly allNamespaces?: boolean;
  /** `-n`: the namespace to list (default `default`). Ignored with allNamespaces. */
  readonly namespace?: string;
}

/** The namespace kubectl uses when none is given (its kubeconfig context has none). */
export const DEFAULT_NAMESPACE = 'default';

/**
 * kubectl's message for an empty list (k8s.io/kubectl/pkg/cmd/get/get.go: "No resources found in
 * %s namespace." for a namespaced kind in one namespace, else "No resources found"). kubectl writes
 * it to stderr; here it is returned as the output text.
 */
export function noResourcesFound(namespaced: boolean, options: GetOptions): string {
  if (namespaced && !options.allNamespaces) {
    return `No resources found in ${options.namespace ?? DEFAULT_NAMESPACE} namespace.\n`;
  }
  return 'No resources found\n';
}

/**
 * The objects of a namespaced collection that `kubectl get` lists, in the API server's order:
 * by namespace, then name, comparing bytes (etcd returns keys `/registry/<kind>/<ns>/<name>` sorted).
 */
export function listNamespaced<T extends { metadata: ObjectMeta }>(
  records: Readonly<Record<string, T>>,
  options: GetOptions,
): T[] {
  const ns = options.namespace ?? DEFAULT_NAMESPACE;
  return Object.values(records)
    .filter((o) => options.allNamespaces === true || (o.metadata.namespace ?? DEFAULT_NAMESPACE) === ns)
    .sort((a, b) => compareBytes(storageKey(a.metadata), storageKey(b.metadata)));
}

/** The objects of a cluster-scoped collection, sorted by name as the API server returns them. */
export function listClusterScoped<T extends { metadata: ObjectMeta }>(
  records: Readonly<Record<string, T>>,
): T[] {
  return Object.values(records).sort((a, b) => compareBytes(a.metadata.name, b.metadata.name));
}

function storageKey(meta: ObjectMeta): string {
  return `${meta.namespace ?? DEFAULT_NAMESPACE}/${meta.name}`;
}

/** Byte-wise (code unit) comparison, as Go compares strings; never locale-dependent. */
export function compareBytes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * A table of namespaced objects: the NAMESPACE column is put first with `-A`, as kubectl's
 * printer does (k8s.io/cli-runtime/pkg/printers/tableprinter.go WithNamespace).
 */
export function printNamespacedTable<T extends { metadata: ObjectMeta }>(
  headers: readonly string[],
  items: readonly T[],
  row: (item: T) => string[],
  options: GetOptions,
): string {
  if (items.length === 0) return noResourcesFound(true, options);
  if (!options.allNamespaces) return printTable(headers, items.map(row));
  return printTable(
    ['NAMESPACE', ...headers],
    items.map((item) => [item.metadata.namespace ?? DEFAULT_NAMESPACE, ...row(item)]),
  );
}

/**
 * The string form of a label selector as kubectl prints it after metav1.LabelSelectorAsSelector:
 * requirements sorted by key (k8s.io/apimachinery/pkg/labels/selector.go internalSelector.String),
 * set values sorted; `''` for an empty selector (it selects everything).
 */
export function selectorString(selector: LabelSelector | undefined): string {
  const reqs: { key: string; text: string }[] = [];
  for (const [key, value] of Object.entries(selector?.matchLabels ?? {}))
    reqs.push({ key, text: `${key}=${value}` });
  for (const r of selector?.matchExpressions ?? []) {
    const values = [...(r.values ?? [])].sort(compareBytes).join(',');
    const text =
      r.operator === 'In'
        ? `${r.key} in (${values})`
        : r.operator === 'NotIn'
          ? `${r.key} notin (${values})`
          : r.operator === 'Exists'
            ? r.key
            : `!${r.key}`;
    reqs.push({ key: r.key, text });
  }
  // A stable sort by key keeps matchLabels before expressions on the same key, as Go's sort does
  // for the small lists it sees in practice.
  return reqs
    .sort((a, b) => compareBytes(a.key, b.key))
    .map((r) => r.text)
    .join(',');
}

/** metav1.FormatLabelSelector: like {@link selectorString} but `<none>` when empty. */
export function formatLabelSelector(selector: LabelSelector | undefined): string {
  const s = selectorString(selector);
  return s === '' ? '<none>' : s;
}

/** kubectl's layoutContainerCells: container names and images, comma-separated. */
export function containerCells(containers: readonly { name: string; image: string }[]): [string, string] {
  return [containers.map((c) => c.name).join(','), containers.map((c) => c.image).join(',')];
}
