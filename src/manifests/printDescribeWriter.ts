/**
 * The writer behind `kubectl describe`: k8s.io/kubectl/pkg/describe/describe.go writes lines with
 * a PrefixWriter (two spaces per level) into a tabwriter (minwidth 0, padding 2) and flushes it
 * before an Events table, so that table aligns on its own. This class collects the same text and
 * lays it out with the same rules ({@link tabwriteText}).
 */
import type { KubeEvent } from '../model';
import { compareBytes } from './printCommon';
import { DESCRIBE_TABWRITER, tabwriteText } from './printTable';
import { age } from './timeFormat';

/** describe.go LEVEL_0 .. LEVEL_3: each level indents two spaces. */
export type Level = 0 | 1 | 2 | 3;

/** Collects describe output; `flush()` ends a tabwriter section, `toString()` lays it all out. */
export class DescribeWriter {
  private readonly sections: string[] = [];
  private current = '';

  /** PrefixWriter.Write: the text (with `\t` between cells) after 2*level spaces. */
  write(level: Level, text: string): void {
    this.current += '  '.repeat(level) + text;
  }

  /** tabwriter.Flush: what follows aligns independently of what came before. */
  flush(): void {
    if (this.current !== '') this.sections.push(this.current);
    this.current = '';
  }

  toString(): string {
    this.flush();
    return this.sections.map((s) => tabwriteText(s, DESCRIBE_TABWRITER)).join('');
  }
}

/**
 * printLabelsMultiline: `Title:\tk=v` with one sorted key per line, continuation lines starting
 * with a tab; `<none>` when empty. `separator` is `=` for labels and `: ` for annotations.
 */
export function writeMapMultiline(
  w: DescribeWriter,
  title: string,
  map: Readonly<Record<string, string>> | undefined,
  separator = '=',
): void {
  w.write(0, `${title}:\t`);
  const keys = Object.keys(map ?? {}).sort(compareBytes);
  if (keys.length === 0) {
    w.write(0, '<none>\n');
    return;
  }
  keys.forEach((key, i) => {
    if (i !== 0) w.write(0, '\t');
    w.write(0, `${key}${separator}${map?.[key] ?? ''}\n`);
  });
}

/**
 * DescribeEvents: `Events:\t<none>`, or (after a flush) a `Type Reason Age From Message` table,
 * oldest last-seen first (k8s.io/kubectl/pkg/util/event SortableEvents). Age is the first
 * timestamp's age, or `LAST (xN over FIRST)` for an aggregated event.
 */
export function writeEvents(w: DescribeWriter, events: readonly KubeEvent[], now: number): void {
  if (events.length === 0) {
    w.write(0, 'Events:\t<none>\n');
    return;
  }
  w.flush();
  const sorted = [...events].sort((a, b) => a.lastTimestamp - b.lastTimestamp);
  w.write(0, 'Events:\n  Type\tReason\tAge\tFrom\tMessage\n');
  w.write(1, '----\t------\t----\t----\t-------\n');
  for (const e of sorted) {
    const first = age(e.firstTimestamp, now);
    const interval = e.count > 1 ? `${age(e.lastTimestamp, now)} (x${e.count} over ${first})` : first;
    w.write(1, `${e.type}\t${e.reason}\t${interval}\t${e.source.component}\t${e.message.trim()}\n`);
  }
}

/** Events about one object, in the order the simulation recorded them. */
export function eventsFor(
  events: Readonly<Record<string, KubeEvent>>,
  kind: string,
  name: string,
  uid: string,
  namespace?: string,
): KubeEvent[] {
  return Object.values(events).filter(
    (e) =>
      e.involvedObject.kind === kind &&
      e.involvedObject.name === name &&
      (e.involvedObject.uid === uid || e.involvedObject.uid === name) &&
      (namespace === undefined || (e.involvedObject.namespace ?? e.metadata.namespace) === namespace),
  );
}

/** kubectl's error when the object to describe does not exist. */
export function notFoundMessage(resource: string, name: string): string {
  return `Error from server (NotFound): ${resource} "${name}" not found\n`;
}
