/**
 * The inspector: what `kubectl describe` says about the selected pod or node at the viewed time,
 * the buttons that act on it (each becomes a command recorded in the run), and for a pod its
 * scheduling explanation as a per-node, per-plugin table. Everything is written as text nodes.
 */
import { select } from 'd3';
import type { TraceRecord } from '../src/engine';
import { describeNode, describePod } from '../src/manifests';
import { type ClusterState, getIn, type Pod } from '../src/model';
import type { Profile } from '../src/scheduler';
import { formatDuration } from '../src/scenario';
import { explainTable, VERDICT_MARK, weightsFor, type ExplainRow, type ExplainTable } from './explainModel';
import type { LabCommand, Orchestrator } from './session';

export type Selection = { kind: 'pod'; key: string } | { kind: 'node'; name: string };

/** A command without its time: the page adds the viewed time. */
export type CommandRequest = LabCommand extends infer C
  ? C extends LabCommand
    ? Omit<C, 'at'>
    : never
  : never;

export interface InspectorContext {
  state: ClusterState;
  now: number;
  trace: readonly TraceRecord[];
  profiles: readonly Profile[] | undefined;
  /** Decides which actions exist and what they are called (Compose hosts have no scheduler). */
  orchestrator: Orchestrator;
  act: (command: CommandRequest) => void;
}

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  text?: string,
  cls?: string,
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (cls !== undefined) e.className = cls;
  return e;
}

function button(text: string, title: string, onClick: () => void, cls = 'action'): HTMLButtonElement {
  const b = el('button', text, cls);
  b.type = 'button';
  b.title = title;
  b.addEventListener('click', onClick);
  return b;
}

/** The Deployment that owns a pod through its ReplicaSet, as `namespace/name`. */
function deploymentOf(state: ClusterState, pod: Pod): string | undefined {
  const ns = pod.metadata.namespace ?? 'default';
  const rsRef = pod.metadata.ownerReferences?.find((o) => o.kind === 'ReplicaSet' && o.controller);
  if (rsRef === undefined) return undefined;
  const rs = state.replicaSets[`${ns}/${rsRef.name}`];
  const dRef = rs?.metadata.ownerReferences?.find((o) => o.kind === 'Deployment' && o.controller);
  return dRef === undefined ? undefined : `${ns}/${dRef.name}`;
}

function podActions(ctx: InspectorContext, key: string, pod: Pod): HTMLElement {
  const box = el('div', undefined, 'actions');
  box.setAttribute('role', 'group');
  box.setAttribute('aria-label', `Act on pod ${pod.metadata.name}`);
  for (const c of pod.spec.containers)
    box.append(
      button(
        `✗ Kill container ${c.name}`,
        `The process of container ${c.name} exits with code 1; the kubelet restarts it per restartPolicy`,
        () => ctx.act({ verb: 'crash', pod: key, container: c.name }),
      ),
    );
  const remove = () => ctx.act({ verb: 'deletePod', pod: key });
  box.append(
    ctx.orchestrator === 'kubernetes'
      ? button(
          '− Delete pod',
          'kubectl delete pod: graceful deletion; its ReplicaSet makes a new one',
          remove,
        )
      : button('− Remove container', 'docker stop, then docker rm: the container is gone', remove),
  );
  const deployment = deploymentOf(ctx.state, pod);
  const d = deployment === undefined ? undefined : ctx.state.deployments[deployment];
  if (deployment !== undefined && d !== undefined) {
    const label = el('label', undefined, 'scale');
    label.append(el('span', `Scale deployment ${d.metadata.name} to`));
    const input = el('input');
    input.type = 'number';
    input.min = '0';
    input.max = '500';
    input.value = String(d.spec.replicas ?? 1);
    input.className = 'replicas';
    label.append(input);
    box.append(
      label,
      button('Scale', `kubectl scale deployment ${d.metadata.name} --replicas=N`, () =>
        ctx.act({ verb: 'scale', deployment, replicas: Number(input.value) }),
      ),
    );
  }
  return box;
}

function nodeActions(ctx: InspectorContext, name: string): HTMLElement {
  const box = el('div', undefined, 'actions');
  box.setAttribute('role', 'group');
  box.setAttribute('aria-label', `Act on node ${name}`);
  const up = ctx.state.nodeRuntime[name]?.up !== false;
  box.append(
    up
      ? button('⚠ Fail node', 'The machine loses power: no heartbeats, its containers die', () =>
          ctx.act({ verb: 'failNode', node: name }),
        )
      : button('↻ Recover node', 'The machine boots; the kubelet reports Ready again', () =>
          ctx.act({ verb: 'recoverNode', node: name }),
        ),
  );
  const cordon = () => ctx.act({ verb: 'cordon', node: name });
  const uncordon = () => ctx.act({ verb: 'uncordon', node: name });
  const drain = () => ctx.act({ verb: 'drain', node: name });
  if (ctx.orchestrator === 'swarm') {
    // A swarm node's availability (timelineHandler.ts: cordon = pause, uncordon = active).
    const availability = ctx.state.swarm?.nodes[name]?.availability ?? 'active';
    box.append(
      availability === 'active'
        ? button('⊘ Pause', 'docker node update --availability pause: no new tasks', cordon)
        : button(
            'Activate',
            'docker node update --availability active: new tasks may land here again',
            uncordon,
          ),
    );
    if (availability !== 'drain')
      box.append(
        button('⇥ Drain', 'docker node update --availability drain: its tasks move to other nodes', drain),
      );
    return box;
  }
  // Compose hosts have no scheduler: nothing to cordon or drain.
  if (ctx.orchestrator === 'compose') return box;
  const cordoned = ctx.state.nodes[name]?.spec.unschedulable === true;
  box.append(
    cordoned
      ? button('Uncordon', 'kubectl uncordon: new pods may land here again', uncordon)
      : button('⊘ Cordon', 'kubectl cordon: no new pods', cordon),
    button('⇥ Drain', 'kubectl drain: cordon, then evict every pod', drain),
  );
  return box;
}

function cell(row: HTMLTableRowElement, text: string, cls?: string, header = false): HTMLTableCellElement {
  const c = el(header ? 'th' : 'td', text, cls);
  row.append(c);
  return c;
}

/**
 * The explanation table (a real <table>, with a caption and scoped headers): a column per node,
 * the chosen one marked ★ and highlighted; a row per filter plugin (in the order they ran), per
 * score plugin (0..100 before × weight), the weighted total and the outcome, which names the filter
 * that excluded a node.
 */
function explainElement(t: ExplainTable): HTMLElement {
  const box = el('div', undefined, 'explain');
  const outcome = t.selected === null ? 'no node fits' : `scheduled on ${t.selected}`;
  box.append(
    el(
      'p',
      `Attempt ${t.attempt} of ${t.attempts}, at ${formatDuration(t.time)}: ${outcome}.`,
      'explain-summary',
    ),
  );
  if (t.message !== undefined) box.append(el('p', `FailedScheduling: ${t.message}`, 'explain-message'));
  if (t.nominatedNode !== undefined)
    box.append(el('p', `Preemption nominated ${t.nominatedNode}.`, 'explain-message'));
  const wrap = el('div', undefined, 'table-wrap');
  const table = el('table', undefined, 'explain-table');
  table.setAttribute('aria-label', `Scheduling of ${t.pod}: each node's filters and scores`);
  table.setAttribute('aria-describedby', 'explain-caption');
  const head = el('thead');
  const names = head.insertRow();
  cell(names, 'Plugin', undefined, true).scope = 'col';
  for (const r of t.rows) {
    const th = cell(names, r.selected ? `★ ${r.node}` : r.node, colClass(r), true);
    th.scope = 'col';
    th.dataset['node'] = r.node;
  }
  table.append(head);
  const body = el('tbody');
  const section = (title: string) => {
    const row = body.insertRow();
    row.className = 'section';
    const th = cell(row, title, undefined, true);
    th.colSpan = t.rows.length + 1;
    th.scope = 'colgroup';
  };
  section('Filters');
  t.filters.forEach((f, i) => {
    const row = body.insertRow();
    cell(row, f, 'plugin', true).scope = 'row';
    for (const r of t.rows) {
      const v = r.verdicts[i] ?? 'not run';
      cell(row, VERDICT_MARK[v], `${colClass(r)} verdict v-${v.replace(' ', '-')}`);
    }
  });
  if (t.scorers.length > 0) {
    section('Scores');
    t.scorers.forEach((s, i) => {
      const row = body.insertRow();
      cell(row, `${s.name} ×${s.weight}`, 'plugin', true).scope = 'row';
      for (const r of t.rows) {
        const v = r.scores[i];
        cell(row, v === undefined ? '–' : String(v), `${colClass(r)} num`);
      }
    });
    const total = body.insertRow();
    total.className = 'total-row';
    cell(total, 'Total (Σ score × weight)', 'plugin', true).scope = 'row';
    for (const r of t.rows) cell(total, r.total === undefined ? '–' : String(r.total), `${colClass(r)} num`);
  }
  const outcomes = body.insertRow();
  outcomes.className = 'outcome-row';
  cell(outcomes, 'Outcome', 'plugin', true).scope = 'row';
  for (const r of t.rows) cell(outcomes, outcomeText(r, t.tied), `${colClass(r)} outcome`);
  table.append(body);
  wrap.append(table);
  box.append(wrap);
  const caption = el(
    'p',
    'Filters run top to bottom and a node stops at its first ✗ FAIL; each score is 0–100 before × weight; ★ the chosen node.',
    'explain-note',
  );
  caption.id = 'explain-caption';
  box.append(caption);
  const excluded = t.rows.filter((r) => r.excludedBy !== undefined);
  if (excluded.length > 0) {
    const list = el('ul', undefined, 'excluded-list');
    list.setAttribute('aria-label', 'Why each excluded node was excluded');
    for (const r of excluded.slice(0, 20))
      list.append(el('li', `✗ ${r.node} excluded by ${r.excludedBy ?? ''}`));
    if (excluded.length > 20) list.append(el('li', `… and ${excluded.length - 20} more`));
    box.append(list);
  }
  if (t.scoreNote !== undefined) box.append(el('p', t.scoreNote, 'explain-note'));
  if (t.tied.length > 0)
    box.append(
      el(
        'p',
        `${t.tied.join(', ')} tie: kube-scheduler picks one of them at random (here from the run's seed).`,
        'explain-note',
      ),
    );
  return box;
}

function colClass(r: ExplainRow): string {
  return r.selected ? 'winner' : r.feasible ? 'feasible' : 'excluded';
}

function outcomeText(r: ExplainRow, tied: readonly string[]): string {
  if (r.selected) return '★ selected';
  if (r.excludedBy !== undefined) return `✗ ${r.excludedBy.replace(/:.*$/, '')}`;
  if (tied.includes(r.node)) return '= tied, not drawn';
  return r.total !== undefined ? 'lower total' : 'feasible, not chosen';
}

/** Fills `root` with the inspector for `selection` at the viewed time. */
export function renderInspector(
  root: HTMLElement,
  selection: Selection | undefined,
  ctx: InspectorContext,
): void {
  // Do not pull the replica count out from under someone typing it.
  if (document.activeElement instanceof HTMLInputElement && root.contains(document.activeElement)) return;
  const parts: HTMLElement[] = [];
  if (selection === undefined) {
    parts.push(
      el(
        'p',
        'Click a pod or a node in the cluster (or focus it and press Enter) to see what kubectl describe says, why the scheduler put it there, and to act on it.',
        'hint',
      ),
    );
  } else if (selection.kind === 'pod') {
    const pod = getIn(ctx.state.pods, selection.key);
    const name = selection.key.replace(/^default\//, '');
    parts.push(el('h3', `pod/${name}`, 'inspect-title'));
    if (pod === undefined) {
      parts.push(el('p', `This pod does not exist at ${formatDuration(ctx.now)}.`, 'hint'));
    } else {
      parts.push(podActions(ctx, selection.key, pod));
    }
    const weightOf = weightsFor(ctx.profiles, pod?.spec.schedulerName);
    const table = explainTable(ctx.trace, selection.key, ctx.now, weightOf);
    parts.push(el('h4', 'Why this node? (flotilla explain)'));
    parts.push(
      table === undefined
        ? el(
            'p',
            pod?.spec.nodeName
              ? 'No scheduling attempt is recorded: the pod names its node (spec.nodeName).'
              : 'The scheduler has not tried this pod yet.',
            'hint',
          )
        : explainElement(table),
    );
    if (pod !== undefined) {
      parts.push(el('h4', `kubectl describe pod ${pod.metadata.name}`));
      parts.push(el('pre', describePod(ctx.state, selection.key, ctx.now), 'kubectl describe'));
    }
  } else {
    parts.push(el('h3', `node/${selection.name}`, 'inspect-title'));
    if (ctx.state.nodes[selection.name] !== undefined) parts.push(nodeActions(ctx, selection.name));
    parts.push(el('h4', `kubectl describe node ${selection.name}`));
    parts.push(el('pre', describeNode(ctx.state, selection.name, ctx.now), 'kubectl describe'));
  }
  // Keep the reader's scroll position in the describe text across redraws.
  const old = root.querySelector('pre.describe');
  const scroll = old?.scrollTop ?? 0;
  select(root).selectChildren().remove();
  root.append(...parts);
  const pre = root.querySelector('pre.describe');
  if (pre !== null) pre.scrollTop = scroll;
}
