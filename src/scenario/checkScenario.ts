/**
 * Cross-reference checks of a built scenario: names used in actions and expectations must exist
 * (the timeline's in checkTimeline.ts), nodes and objects are defined once, namespaces other than
 * the built-in ones are applied; and warnings for what a run's `duration` cuts off.
 */
import { LocatedError, type SourceLocation } from '../model';
import type { Locator } from '../manifests';
import { formatDuration } from './duration';
import type { Scenario } from './scenario';
import { checkTimeline } from './checkTimeline';
import { checkNode, type RefCheck } from './refCheck';

const BUILT_IN_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

const at = (s: SourceLocation) => `${s.file}:${s.line}:${s.column}`;

/** Returns the errors and warnings of the cross-reference checks. */
export function checkScenario(
  s: Scenario,
  loc: Locator,
): { errors: LocatedError[]; warnings: LocatedError[] } {
  const r: RefCheck = {
    s,
    loc,
    all: [...s.objects, ...s.timeline.flatMap((e) => (e.action === 'apply' ? e.objects : []))],
    nodeNames: [...new Set(s.nodes.map((n) => n.name))],
    errors: [],
  };
  checkDuplicateNodes(r);
  checkDuplicateObjects(r);
  checkNamespaces(r);
  checkTimeline(r);
  for (const x of s.expectations) {
    if (x.check === 'node') checkNode(r, x.node, ['expect', x.index, 'node', 'name']);
    if (x.check === 'pods' && x.node !== undefined) checkNode(r, x.node, ['expect', x.index, 'node']);
  }
  return { errors: r.errors, warnings: durationWarnings(s, loc) };
}

function checkDuplicateNodes({ s, loc, errors }: RefCheck): void {
  const first = new Map<string, SourceLocation>();
  for (const [i, n] of s.nodes.entries()) {
    const prev = first.get(n.name);
    if (prev)
      errors.push(loc.error(['nodes', i, 'name'], `duplicate node name "${n.name}" (first at ${at(prev)})`));
    else first.set(n.name, n.source);
  }
}

/** Each object applied at time 0 is defined once (kind, namespace and name). */
function checkDuplicateObjects({ s, errors }: RefCheck): void {
  const seen = new Map<string, SourceLocation>();
  for (const o of s.objects) {
    const m = o.object.metadata;
    const key = `${o.object.kind} ${m.namespace === undefined ? '' : `${m.namespace}/`}${m.name}`;
    const prev = seen.get(key);
    if (prev)
      errors.push(
        new LocatedError({
          ...o.source,
          path: 'metadata.name',
          message: `${key} is defined twice (first at ${at(prev)})`,
        }),
      );
    else seen.set(key, o.source);
  }
}

function checkNamespaces({ all, errors }: RefCheck): void {
  const namespaces = new Set([
    ...BUILT_IN_NAMESPACES,
    ...all.filter((o) => o.object.kind === 'Namespace').map((o) => o.object.metadata.name),
  ]);
  for (const o of all) {
    const ns = o.object.metadata.namespace;
    // The apiserver's own message when the namespace is missing.
    if (ns !== undefined && !namespaces.has(ns))
      errors.push(
        new LocatedError({
          ...o.source,
          path: 'metadata.namespace',
          message: `namespaces "${ns}" not found`,
          expected: `a Namespace named "${ns}" in apply`,
        }),
      );
  }
}

/** A `duration` that stops the run before the last timeline entry or an expectation's check. */
function durationWarnings(s: Scenario, loc: Locator): LocatedError[] {
  const warnings: LocatedError[] = [];
  const last = s.timeline.reduce((m, e) => Math.max(m, e.at), 0);
  if (s.duration !== undefined && s.duration < last)
    warnings.push(
      loc.error(
        ['duration'],
        `the run stops at ${formatDuration(s.duration)}, before the last timeline entry at ${formatDuration(last)}`,
        undefined,
        'warning',
      ),
    );
  for (const x of s.expectations) {
    const t = x.window.kind === 'at' ? x.window.at : x.window.within;
    if (s.duration !== undefined && t > s.duration)
      warnings.push(
        loc.error(
          ['expect', x.index, x.window.kind],
          `checked at ${formatDuration(t)}, after the run stops (${formatDuration(s.duration)})`,
          undefined,
          'warning',
        ),
      );
  }
  return warnings;
}
