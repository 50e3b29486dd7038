/**
 * `kubectl get services` and `kubectl get endpointslices`: ports of printService and
 * printEndpointSlice from K pkg/printers/internalversion/printers.go.
 */
import type { ClusterState, EndpointSlice, Service } from '../model';
import { listNamespaced, printNamespacedTable, type GetOptions } from './printCommon';
import { age } from './timeFormat';

/** serviceColumnDefinitions; `-o wide` adds SELECTOR. */
const SERVICE_COLUMNS = ['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE'] as const;
/** endpointSliceColumnDefinitions. */
const ENDPOINTSLICE_COLUMNS = ['NAME', 'ADDRESSTYPE', 'PORTS', 'ENDPOINTS', 'AGE'] as const;

/** makePortString: `80/TCP`, or `80:30080/TCP` with a NodePort, joined by commas. */
function servicePorts(svc: Service): string {
  if (svc.spec.ports.length === 0) return '<none>';
  return svc.spec.ports.map((p) => `${p.port}${p.nodePort ? `:${p.nodePort}` : ''}/${p.protocol}`).join(',');
}

/** getServiceExternalIP: `<none>` for ClusterIP and NodePort, `<pending>` for a LoadBalancer without an address. */
function externalIP(svc: Service): string {
  return svc.spec.type === 'LoadBalancer' ? '<pending>' : '<none>';
}

/** The selector as printService shows it (labels.FormatLabels: sorted `k=v`, `<none>` when empty). */
function selectorText(sel: Record<string, string> | undefined): string {
  const pairs = Object.entries(sel ?? {}).sort((a, b) => (a[0] < b[0] ? -1 : 1));
  return pairs.length === 0 ? '<none>' : pairs.map(([k, v]) => `${k}=${v}`).join(',');
}

function serviceRow(svc: Service, now: number, wide = false): string[] {
  const row = [
    svc.metadata.name,
    svc.spec.type,
    svc.spec.clusterIP ?? '<none>',
    externalIP(svc),
    servicePorts(svc),
    age(svc.metadata.creationTimestamp, now),
  ];
  if (wide) row.push(selectorText(svc.spec.selector));
  return row;
}

/** listWithMoreString: at most 3 items, then ` + N more...`; `<unset>` when empty. */
function listWithMore(items: readonly string[]): string {
  if (items.length === 0) return '<unset>';
  const shown = items.slice(0, 3).join(',');
  return items.length > 3 ? `${shown} + ${items.length - 3} more...` : shown;
}

function endpointSliceRow(slice: EndpointSlice, now: number): string[] {
  return [
    slice.metadata.name,
    slice.addressType,
    listWithMore(slice.ports.map((p) => String(p.port))),
    listWithMore(slice.endpoints.flatMap((e) => e.addresses)),
    age(slice.metadata.creationTimestamp, now),
  ];
}

/** `kubectl get services [-o wide] [-A] [-n ns]` at simulated time `now`. */
export function printServices(state: ClusterState, now: number, options: GetOptions = {}): string {
  const headers = options.wide ? [...SERVICE_COLUMNS, 'SELECTOR'] : [...SERVICE_COLUMNS];
  return printNamespacedTable(
    headers,
    listNamespaced(state.services ?? {}, options),
    (s) => serviceRow(s, now, options.wide === true),
    options,
  );
}

/** `kubectl get endpointslices [-A] [-n ns]` at simulated time `now`. */
export function printEndpointSlices(state: ClusterState, now: number, options: GetOptions = {}): string {
  return printNamespacedTable(
    [...ENDPOINTSLICE_COLUMNS],
    listNamespaced(state.endpointSlices ?? {}, options),
    (s) => endpointSliceRow(s, now),
    options,
  );
}
