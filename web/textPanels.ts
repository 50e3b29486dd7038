/**
 * The text panels: what `kubectl get nodes`, `kubectl get pods -o wide` and `kubectl get events`
 * print at the viewed time, and the narration. Always written as textContent, never as HTML.
 */
import type { NarrationRecord, TraceRecord } from '../src/engine/trace';
import { printEvents, printNodes, printPods } from '../src/manifests';
import type { ClusterState } from '../src/model/state';
import { formatDuration } from '../src/scenario';

export interface TextPanels {
  nodes: HTMLElement;
  pods: HTMLElement;
  events: HTMLElement;
}

/** Sets `el`'s text if it changed; keeps an events panel scrolled to its newest line. */
function setText(el: HTMLElement, text: string, followEnd = false): void {
  if (el.textContent === text) return;
  const atEnd = el.scrollHeight - el.scrollTop - el.clientHeight < 24;
  el.textContent = text;
  if (followEnd && atEnd) el.scrollTop = el.scrollHeight;
}

/** Prints the cluster as kubectl would at `now` (ms). */
export function renderTextPanels(panels: TextPanels, state: ClusterState, now: number): void {
  setText(panels.nodes, printNodes(state, now));
  setText(panels.pods, printPods(state, now, { wide: true }));
  setText(panels.events, printEvents(state, now), true);
}

/** The latest `say` record at or before `now`. */
export function currentNarration(trace: readonly TraceRecord[], now: number): NarrationRecord | undefined {
  let last: NarrationRecord | undefined;
  for (const r of trace) {
    if (r.t > now) break;
    if (r.type === 'say') last = r as NarrationRecord;
  }
  return last;
}

/** Shows the narration line for `now`. */
export function renderNarration(
  time: HTMLElement,
  text: HTMLElement,
  trace: readonly TraceRecord[],
  now: number,
): void {
  const say = currentNarration(trace, now);
  time.textContent = say ? formatDuration(say.t) : '';
  text.textContent = say ? say.text : 'Press Play or Step to start the story.';
}
