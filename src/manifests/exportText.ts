/**
 * Text of `flotilla export`: multi-document YAML (`---` between objects, keys in the order a person
 * writes them: apiVersion, kind, metadata, spec), or a JSON `v1 List`, both of which
 * `kubectl apply -f` reads. Header lines become YAML comments; JSON has no comments, so they are
 * left out there.
 */
import type { JsonObject } from './serialize';
import { toJson, toYaml } from './serializeText';

export type ExportFormat = 'yaml' | 'json';

export function exportText(
  objects: readonly JsonObject[],
  format: ExportFormat,
  header: readonly string[] = [],
): string {
  if (format === 'json') {
    return toJson({ apiVersion: 'v1', kind: 'List', items: [...objects] }, { sortKeys: false });
  }
  const comments = header.map((l) => (l === '' ? '#' : `# ${l}`)).join('\n');
  const docs = objects.map((o) => toYaml(o, { sortKeys: false }));
  const body = docs.length === 0 ? '' : docs.join('---\n');
  return [comments, body].filter((s) => s !== '').join('\n');
}

/**
 * Notes for a real cluster: exported objects that name the simulated nodes (nodeName, a
 * kubernetes.io/hostname selector or affinity) will not find them, since a real cluster's nodes
 * have other names (kind: `flotilla-control-plane`, minikube: `minikube`).
 */
export function nodeNameNotes(objects: readonly JsonObject[], nodeNames: readonly string[]): string[] {
  const notes: string[] = [];
  for (const o of objects) {
    const spec = JSON.stringify(o.spec ?? {});
    const named = nodeNames.filter((n) => spec.includes(JSON.stringify(n)));
    if (named.length === 0) continue;
    const meta = o.metadata as { name?: string } | undefined;
    notes.push(
      `${String(o.kind)}/${meta?.name ?? '?'} names the simulated node${named.length > 1 ? 's' : ''} ${named.join(', ')}: rename to your cluster's nodes (kubectl get nodes) or label them.`,
    );
  }
  return notes;
}
