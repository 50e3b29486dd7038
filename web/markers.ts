/**
 * Markers under the scrubber: scripted actions (and the user's commands), narration steps and
 * Warning events, each with a shape, a colour and a tooltip. `timelineMarkers` is the pure model;
 * `renderMarkers` draws it with a D3 keyed join.
 */
import { scaleLinear, select } from 'd3';
import type { EventRecord, TraceRecord } from '../src/engine';
import { formatDuration } from '../src/scenario';

type MarkerKind = 'action' | 'command' | 'say' | 'warning';

export interface Marker {
  id: string;
  t: number;
  kind: MarkerKind;
  /** What the tooltip and screen readers say. */
  label: string;
}

const ACTION_WORDS: Readonly<Record<string, string>> = {
  failNode: 'node fails',
  recoverNode: 'node recovers',
  crashContainer: 'container crashes',
  deletePod: 'pod deleted',
};

/**
 * The markers of a run. Actions the user issued (the lab's timeline entries) are `command`s; several
 * Warning events in the same second are one marker.
 */
export function timelineMarkers(
  trace: readonly TraceRecord[],
  userCommandTimes: ReadonlySet<number>,
): Marker[] {
  const out: Marker[] = [];
  const warnings = new Map<number, string[]>();
  trace.forEach((r, i) => {
    if (r.type === 'say') out.push({ id: `say-${i}`, t: r.t, kind: 'say', label: String(r['text']) });
    else if (r.type === 'action' && r['action'] !== 'evict' && r['action'] !== 'apply') {
      const action = String(r['action']);
      const what = String(r['node'] ?? r['pod'] ?? r['deployment'] ?? '');
      const kind: MarkerKind = userCommandTimes.has(r.t) ? 'command' : 'action';
      out.push({ id: `act-${i}`, t: r.t, kind, label: `${ACTION_WORDS[action] ?? action} ${what}`.trim() });
    } else if (r.type === 'event' && (r as EventRecord).eventType === 'Warning') {
      const e = r as EventRecord;
      const second = Math.floor(e.t / 1000) * 1000;
      warnings.set(second, [...(warnings.get(second) ?? []), `${e.reason} ${e.object}`]);
    }
  });
  for (const [t, list] of warnings) {
    const more = list.length > 3 ? ` and ${list.length - 3} more` : '';
    out.push({
      id: `warn-${t}`,
      t,
      kind: 'warning',
      label: `Warning: ${list.slice(0, 3).join(', ')}${more}`,
    });
  }
  return out.sort((a, b) => a.t - b.t || a.id.localeCompare(b.id));
}

const SYMBOL: Readonly<Record<MarkerKind, string>> = { action: '▲', command: '★', say: '●', warning: '⚠' };
const ROW: Readonly<Record<MarkerKind, number>> = { say: 0, action: 1, command: 1, warning: 2 };

/** Draws the markers across `svg`'s width for a run of `end` ms; a click seeks there. */
export function renderMarkers(
  svg: SVGSVGElement,
  markers: readonly Marker[],
  end: number,
  onSeek: (t: number) => void,
): void {
  const width = svg.clientWidth || svg.getBoundingClientRect().width || 600;
  // The range input's thumb keeps its centre ~10px inside each end.
  const x = scaleLinear()
    .domain([0, Math.max(1, end)])
    .range([10, Math.max(11, width - 10)]);
  select(svg)
    .selectAll<SVGTextElement, Marker>('text.marker')
    .data(markers, (m) => m.id)
    .join('text')
    .attr('class', (m) => `marker marker-${m.kind}`)
    .attr('x', (m) => x(m.t))
    .attr('y', (m) => 11 + ROW[m.kind] * 11)
    .attr('text-anchor', 'middle')
    .text((m) => SYMBOL[m.kind])
    .on('click', (_e, m) => onSeek(m.t))
    // Setting the text replaced the children, so the tooltip is added after it.
    .append('title')
    .text((m) => `${formatDuration(m.t)}: ${m.label}`);
}
