/**
 * A binary min-heap of queue entries ordered by (at, seq), operating on an array that may be an
 * immer draft. Equal times run in insertion order, which keeps runs deterministic.
 */
import type { QueueEntry } from './queue';

function before(a: QueueEntry, b: QueueEntry): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}

export function heapPush(heap: QueueEntry[], entry: QueueEntry): void {
  heap.push(entry);
  let i = heap.length - 1;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    const p = heap[parent] as QueueEntry;
    if (!before(entry, p)) break;
    heap[i] = p;
    i = parent;
  }
  heap[i] = entry;
}

export function heapPop(heap: QueueEntry[]): QueueEntry | undefined {
  const top = heap[0];
  const last = heap.pop();
  if (top === undefined || last === undefined || heap.length === 0) return top;
  let i = 0;
  const n = heap.length;
  for (;;) {
    const l = 2 * i + 1;
    if (l >= n) break;
    const r = l + 1;
    const child = r < n && before(heap[r] as QueueEntry, heap[l] as QueueEntry) ? r : l;
    const c = heap[child] as QueueEntry;
    if (!before(c, last)) break;
    heap[i] = c;
    i = child;
  }
  heap[i] = last;
  return top;
}

export function heapPeek(heap: readonly QueueEntry[]): QueueEntry | undefined {
  return heap[0];
}
