/**
 * `depends_on:`, short (a list of service names: condition service_started) and long (`name:
 * {condition, restart, required}`) forms (compose spec "depends_on"), and the project-wide checks:
 * every dependency names a service, and the graph has no cycle (Compose refuses both).
 */
import type { DependsOn, FieldPath } from '../model';
import { type Checker, isRecord } from '../manifests';
import { checkBool } from './checks';
import { warnUnknownKeys } from './keys';

const CONDITIONS = ['service_started', 'service_healthy', 'service_completed_successfully'] as const;

export function parseDependsOn(c: Checker, raw: unknown, path: FieldPath): DependsOn[] {
  const out: DependsOn[] = [];
  if (Array.isArray(raw)) {
    raw.forEach((name, i) => {
      if (typeof name !== 'string') return void c.wrongType([...path, i], name, 'a service name');
      out.push({ service: name, condition: 'service_started', restart: false, required: true });
    });
    return out;
  }
  const m = c.map(raw, path);
  if (m === undefined) return out;
  for (const [name, spec] of Object.entries(m)) {
    const p = [...path, name];
    const dep: DependsOn = { service: name, condition: 'service_started', restart: false, required: true };
    if (spec !== null && spec !== undefined) {
      if (!isRecord(spec)) {
        c.wrongType(p, spec, 'a map such as {condition: service_healthy}');
        continue;
      }
      warnUnknownKeys(c, spec, p, ['condition', 'restart', 'required']);
      if (spec.condition !== undefined) {
        if (!(CONDITIONS as readonly unknown[]).includes(spec.condition)) {
          c.error(
            [...p, 'condition'],
            `invalid condition ${JSON.stringify(spec.condition)}`,
            `one of: ${CONDITIONS.join(', ')}`,
          );
          continue;
        }
        dep.condition = spec.condition as DependsOn['condition'];
      }
      if (spec.restart !== undefined) dep.restart = checkBool(c, spec.restart, [...p, 'restart']) ?? false;
      if (spec.required !== undefined) dep.required = checkBool(c, spec.required, [...p, 'required']) ?? true;
    }
    out.push(dep);
  }
  return out;
}

/** Where a service's `depends_on` entry sits, for messages. */
export function dependencyPath(
  servicePath: FieldPath,
  deps: unknown,
  index: number,
  name: string,
): FieldPath {
  return Array.isArray(deps) ? [...servicePath, 'depends_on', index] : [...servicePath, 'depends_on', name];
}

/**
 * The first cycle among `edges` (service → dependencies), as the list of services around it
 * (`['a', 'b', 'a']`), or undefined. Depth-first in the order given, so the report is stable.
 */
export function findCycle(edges: ReadonlyMap<string, readonly string[]>): string[] | undefined {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (n: string): string[] | undefined => {
    if (state.get(n) === 'done') return undefined;
    if (state.get(n) === 'open') return [...stack.slice(stack.indexOf(n)), n];
    state.set(n, 'open');
    stack.push(n);
    for (const d of edges.get(n) ?? []) {
      const cycle = visit(d);
      if (cycle !== undefined) return cycle;
    }
    stack.pop();
    state.set(n, 'done');
    return undefined;
  };
  for (const n of edges.keys()) {
    const cycle = visit(n);
    if (cycle !== undefined) return cycle;
  }
  return undefined;
}
