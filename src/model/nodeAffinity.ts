/**
 * nodeSelector and node affinity matching (k8s.io/component-helpers/scheduling/corev1/nodeaffinity).
 * Terms are ORed; the requirements of one term are ANDed; an empty term matches nothing.
 */
import type { Node, NodeSelectorRequirement, NodeSelectorTerm, Pod } from './objects';

function labelRequirementMatches(req: NodeSelectorRequirement, labels: Record<string, string>): boolean {
  const has = Object.hasOwn(labels, req.key);
  const value = labels[req.key];
  const values = req.values ?? [];
  switch (req.operator) {
    case 'In':
      return has && values.includes(value as string);
    case 'NotIn':
      return !has || !values.includes(value as string);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    case 'Gt':
    case 'Lt': {
      if (!has || values.length !== 1) return false;
      // strconv.ParseInt: the whole string must be a base-10 integer ("8x" and "1.5" do not match).
      const integer = /^[+-]?\d+$/;
      if (!integer.test(value as string) || !integer.test(values[0] as string)) return false;
      const a = Number(value);
      const b = Number(values[0]);
      return req.operator === 'Gt' ? a > b : a < b;
    }
  }
}

/** Whether one node selector term matches the node (matchFields supports metadata.name). */
export function nodeSelectorTermMatches(term: NodeSelectorTerm, node: Node): boolean {
  const exprs = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (exprs.length === 0 && fields.length === 0) return false;
  const labels = node.metadata.labels ?? {};
  if (!exprs.every((r) => labelRequirementMatches(r, labels))) return false;
  return fields.every(
    (r) => r.key === 'metadata.name' && labelRequirementMatches(r, { 'metadata.name': node.metadata.name }),
  );
}

/** The pod's nodeSelector and required node affinity both hold for the node. */
export function podMatchesNodeSelectorAndAffinity(pod: Pod, node: Node): boolean {
  const labels = node.metadata.labels ?? {};
  for (const [k, v] of Object.entries(pod.spec.nodeSelector ?? {})) if (labels[k] !== v) return false;
  const required = pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  if (required === undefined) return true;
  return required.nodeSelectorTerms.some((t) => nodeSelectorTermMatches(t, node));
}
