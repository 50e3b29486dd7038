/**
 * Placement constraints (`deploy.placement.constraints`), as swarmkit's manager/constraint
 * package parses and matches them: `<key> ==|!= <value>` with keys node.id, node.hostname,
 * node.role, node.platform.os, node.platform.arch and node.labels.<label>. Names are compared
 * case-insensitively except label values and ids (constraint.go Match uses strings.EqualFold for
 * the built-in keys); a missing label never equals anything (so `!=` holds).
 */
import type { SwarmNode } from '../../model';

export interface Constraint {
  key: string;
  op: '==' | '!=';
  value: string;
  text: string;
}

const CONSTRAINT = /^\s*([\w.-]+)\s*(==|!=)\s*(.+?)\s*$/;
const KEYS = ['node.id', 'node.hostname', 'node.role', 'node.platform.os', 'node.platform.arch'];

/** Parses one constraint, or returns why it is malformed (the message docker prints). */
export function parseConstraint(text: string): Constraint | { error: string } {
  const m = CONSTRAINT.exec(text);
  if (m === null)
    return { error: `invalid constraint "${text}": expected <key> == <value> or <key> != <value>` };
  const key = (m[1] as string).toLowerCase();
  if (!KEYS.includes(key) && !key.startsWith('node.labels.'))
    return {
      error: `invalid constraint "${text}": unknown key "${m[1]}" (node.id, node.hostname, node.role, node.platform.os, node.platform.arch, node.labels.<name>)`,
    };
  return { key, op: m[2] as '==' | '!=', value: m[3] as string, text };
}

function actual(node: SwarmNode, key: string): { value: string | undefined; fold: boolean } {
  switch (key) {
    case 'node.id':
      return { value: node.id, fold: false };
    case 'node.hostname':
      return { value: node.hostname, fold: true };
    case 'node.role':
      return { value: node.role, fold: true };
    case 'node.platform.os':
      return { value: 'linux', fold: true };
    case 'node.platform.arch':
      return { value: 'x86_64', fold: true };
    default:
      return { value: node.labels[key.slice('node.labels.'.length)], fold: false };
  }
}

function matches(node: SwarmNode, c: Constraint): boolean {
  const { value, fold } = actual(node, c.key);
  const equal =
    value !== undefined && (fold ? value.toLowerCase() === c.value.toLowerCase() : value === c.value);
  return c.op === '==' ? equal : !equal;
}

/** Whether the node meets every constraint (invalid ones were refused when the stack loaded). */
export function meetsConstraints(node: SwarmNode, constraints: readonly string[]): boolean {
  for (const text of constraints) {
    const c = parseConstraint(text);
    if ('error' in c || !matches(node, c)) return false;
  }
  return true;
}
