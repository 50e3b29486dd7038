/**
 * `kubectl get events`: a port of printEvent from K pkg/printers/internalversion/printers.go.
 *
 * Order: the API server returns events by name, which reads as random; `kubectl events`
 * (k8s.io/kubectl/pkg/cmd/events, SortableEvents) and the common `--sort-by=.lastTimestamp` show
 * them oldest first, which is what a student wants, so the rows are sorted by last timestamp, then
 * by creation time, then by the order the simulation recorded them.
 */
import { type ClusterState, type KubeEvent, valuesIn } from '../model';
import { age } from './timeFormat';
import { DEFAULT_NAMESPACE, printNamespacedTable, type GetOptions } from './printCommon';

/** The columns of `kubectl get events` (K printers.go eventColumnDefinitions, non-wide). */
const EVENT_COLUMNS = ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE'] as const;
/** The columns with `-o wide`. */
const EVENT_WIDE_COLUMNS = [
  'LAST SEEN',
  'TYPE',
  'REASON',
  'OBJECT',
  'SUBOBJECT',
  'SOURCE',
  'MESSAGE',
  'FIRST SEEN',
  'COUNT',
  'NAME',
] as const;

/** The OBJECT cell: `kind/name` in lower-case kind (`pod/web-1`, `node/node-1`). */
function eventObject(ev: KubeEvent): string {
  const kind = ev.involvedObject.kind.toLowerCase();
  return ev.involvedObject.name.length > 0 ? `${kind}/${ev.involvedObject.name}` : kind;
}

/** formatEventSource: `component, host` (host left out when empty). */
function eventSource(ev: KubeEvent): string {
  return ev.source.host ? `${ev.source.component}, ${ev.source.host}` : ev.source.component;
}

/** One row of `kubectl get events`. */
function eventRow(ev: KubeEvent, now: number, wide = false): string[] {
  const lastSeen = age(ev.lastTimestamp, now);
  const message = ev.message.trim();
  if (!wide) return [lastSeen, ev.type, ev.reason, eventObject(ev), message];
  return [
    lastSeen,
    ev.type,
    ev.reason,
    eventObject(ev),
    ev.involvedObject.fieldPath ?? '',
    eventSource(ev),
    message,
    age(ev.firstTimestamp, now),
    String(ev.count === 0 ? 1 : ev.count),
    ev.metadata.name,
  ];
}

/** Events of the listed namespace(s), oldest last-seen first (see the module comment). */
function sortedEvents(state: ClusterState, options: GetOptions = {}): KubeEvent[] {
  const ns = options.namespace ?? DEFAULT_NAMESPACE;
  return valuesIn(state.events)
    .map((ev, index) => ({ ev, index }))
    .filter(({ ev }) => options.allNamespaces === true || (ev.metadata.namespace ?? DEFAULT_NAMESPACE) === ns)
    .sort(
      (a, b) =>
        a.ev.lastTimestamp - b.ev.lastTimestamp ||
        a.ev.metadata.creationTimestamp - b.ev.metadata.creationTimestamp ||
        a.index - b.index,
    )
    .map(({ ev }) => ev);
}

/** `kubectl get events [-o wide] [-A] [-n ns]` at simulated time `now`. */
export function printEvents(state: ClusterState, now: number, options: GetOptions = {}): string {
  return printNamespacedTable(
    options.wide ? [...EVENT_WIDE_COLUMNS] : [...EVENT_COLUMNS],
    sortedEvents(state, options),
    (ev) => eventRow(ev, now, options.wide === true),
    options,
  );
}
