/**
 * The text panels: what `kubectl get nodes`, `kubectl get pods -o wide` and `kubectl get events`
 * print at the viewed time, and the narration. Always written as textContent, never as HTML.
 */
import type { NarrationRecord, TraceRecord } from '../src/engine';
import { printEvents, printNodes, printPods } from '../src/manifests';
import type { ClusterState } from '../src/model';
import { formatDuration } from '../src/scenario';

export interface TextPanels {
  nodes: HTMLElement;
  pods: HTMLElement;
  events: HTMLElement;
}

/**
 * Sets `el`'s text if it changed; keeps a panel that was scrolled to its end there, after the
 * browser's own layout (reading scroll sizes right after a change would force one there and then).
 */
function setText(el: HTMLElement, text: string, atEnd = false): void {
  if (el.textContent === text) return;
  el.textContent = text;
  if (atEnd)
    requestAnimationFrame(() => {
      el.scrollTop = el.scrollHeight;
    });
}

/**
 * Whether `events` shows its newest line, as its last scroll left it (no layout read): the lab
 * asks before each draw, so that a panel the reader scrolled up in stays where it is.
 */
export function eventsFollower(events: HTMLElement): () => boolean {
  let following = true;
  events.addEventListener(
    'scroll',
    () => {
      following = events.scrollHeight - events.scrollTop - events.clientHeight < 24;
    },
    { passive: true },
  );
  return () => following;
}

/** Prints the cluster as kubectl would at `now` (ms). */
export function renderTextPanels(panels: TextPanels, state: ClusterState, now: number, atEnd: boolean): void {
  setText(panels.nodes, printNodes(state, now));
  setText(panels.pods, printPods(state, now, { wide: true }));
  setText(panels.events, printEvents(state, now), atEnd);
}

/** The latest `say` record at or before `now`. */
function currentNarration(trace: readonly TraceRecord[], now: number): NarrationRecord | undefined {
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
