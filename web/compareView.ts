/**
 * The comparison view: one column per scenario (title, orchestrator, the story's current line and
 * the cluster's node cards, drawn by clusterView.ts) at one shared simulated time, and under them
 * the table `flotilla compare` prints (src/scenario/compareTable.ts), with its footnotes. Every
 * scenario's text is set as text only (textContent). It never changes a run.
 */
import type { Memo } from '../src/model';
import { COMPARE_ROWS, compareNotes, type ScenarioMetrics } from '../src/scenario';
import { renderCluster } from './clusterView';
import { distinctTitles, type Comparison } from './compareRuns';
import { formatClock } from './formatClock';
import type { Selection } from './inspectorView';
import { stateAt } from './snapshots';
import { renderNarration } from './textPanels';

export interface CompareColumn {
  cluster: HTMLDivElement;
  links: SVGSVGElement;
  narrationTime: HTMLSpanElement;
  narrationText: HTMLSpanElement;
  ended: HTMLParagraphElement;
  /** What was drawn last, to skip identical frames. */
  drawn?: { state: unknown; second: number };
}

function child<K extends keyof HTMLElementTagNameMap>(
  parent: Element,
  tag: K,
  className: string,
  text?: string,
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (className !== '') e.className = className;
  if (text !== undefined) e.textContent = text;
  parent.append(e);
  return e;
}

/** Builds the columns of `c` in `container` (replacing what was there). */
export function buildColumns(container: HTMLElement, c: Comparison): CompareColumn[] {
  container.replaceChildren();
  container.style.setProperty('--columns', String(c.runs.length));
  const full = c.runs.map((r) => r.scenario.title ?? r.scenario.name);
  const short = distinctTitles(full);
  return c.runs.map((run, i) => {
    const s = run.scenario;
    const col = child(container, 'article', 'compare-col');
    col.dataset['orchestrator'] = s.orchestrator;
    col.setAttribute('aria-labelledby', `compare-col-${i}`);
    const head = child(col, 'header', 'compare-col-head');
    const orchestrator = child(head, 'span', `orchestrator orchestrator-${s.orchestrator}`, s.orchestrator);
    orchestrator.title = 'orchestrator';
    const title = child(head, 'h2', 'compare-col-title', short[i] ?? '');
    title.id = `compare-col-${i}`;
    title.title = `${full[i] ?? ''} (${run.path})`;
    const narration = child(col, 'p', 'compare-narration');
    const narrationTime = child(narration, 'span', 'narration-time');
    const narrationText = child(narration, 'span', 'narration-text');
    const ended = child(col, 'p', 'compare-ended');
    ended.hidden = true;
    const wrap = child(col, 'div', 'cluster-wrap');
    const cluster = child(wrap, 'div', 'cluster compare-cluster');
    cluster.setAttribute('role', 'group');
    cluster.setAttribute('aria-label', `${s.title ?? s.name}: nodes`);
    const links = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    links.setAttribute('class', 'links');
    links.setAttribute('aria-hidden', 'true');
    wrap.append(links);
    return { cluster, links, narrationTime, narrationText, ended };
  });
}

/** Draws every column at `t` (a run that ended earlier shows its end). */
export function renderColumns(
  columns: readonly CompareColumn[],
  c: Comparison,
  t: number,
  opts: { animate: boolean; memo: Memo; onSelect: (run: number, s: Selection) => void },
): void {
  c.runs.forEach((run, i) => {
    const col = columns[i];
    if (col === undefined) return;
    const at = Math.min(Math.round(t), run.end);
    const state = stateAt(run.snapshots, at);
    const second = Math.floor(at / 1000);
    const ended = t > run.end;
    col.ended.hidden = !ended;
    if (ended) col.ended.textContent = `This run ended at ${formatClock(run.end)}.`;
    renderNarration(col.narrationTime, col.narrationText, run.trace, at);
    if (col.drawn?.state === state && col.drawn.second === second) return;
    col.drawn = { state, second };
    renderCluster(col.cluster, col.links, state, {
      selected: undefined,
      onSelect: (s) => opts.onSelect(i, s),
      animate: opts.animate,
      memo: opts.memo,
    });
  });
}

/** The `flotilla compare` table: the scenario row as the header, then one row per figure; footnotes. */
export function renderCompareTable(
  table: HTMLTableElement,
  notes: HTMLElement,
  metrics: readonly ScenarioMetrics[],
): void {
  table.replaceChildren();
  const [first, ...rows] = COMPARE_ROWS;
  const head = child(child(table, 'thead', ''), 'tr', '');
  if (first !== undefined) {
    const label = child(head, 'th', '', first[0]);
    label.scope = 'col';
    for (const m of metrics) child(head, 'th', '', first[1](m)).scope = 'col';
  }
  const body = child(table, 'tbody', '');
  for (const [label, cell] of rows) {
    const tr = child(body, 'tr', '');
    tr.dataset['row'] = label.replace(/\s*[¹²³⁴⁵]$/, '');
    child(tr, 'th', '', label).scope = 'row';
    for (const m of metrics) {
      const text = cell(m);
      const td = child(tr, 'td', '', text);
      const verdict = /^(yes|no)\b/.exec(text)?.[1];
      if (verdict !== undefined) td.dataset['verdict'] = verdict;
    }
  }
  notes.replaceChildren();
  for (const note of compareNotes(metrics)) child(notes, 'li', '', note);
}
