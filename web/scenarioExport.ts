/**
 * A session as a scenario file: the scenario's own text with the user's commands appended to its
 * timeline (and its seed set to the run's), so that `flotilla run` replays what was done in the
 * lab. Comments and layout of the original are kept (yaml's document model).
 */
import { isSeq, parseDocument } from 'yaml';
import type { LabCommand } from './session';

function entryOf(c: LabCommand): Record<string, unknown> {
  const at = `${c.at}ms`;
  const split = (key: string) => {
    const i = key.indexOf('/');
    return { namespace: key.slice(0, i), name: key.slice(i + 1) };
  };
  switch (c.verb) {
    case 'crash': {
      const { namespace, name } = split(c.pod);
      return { at, action: 'crashContainer', pod: name, namespace, container: c.container, exitCode: 1 };
    }
    case 'deletePod': {
      const { namespace, name } = split(c.pod);
      return { at, action: 'deletePod', pod: name, namespace };
    }
    case 'scale': {
      const { namespace, name } = split(c.deployment);
      return { at, action: 'scale', deployment: name, namespace, replicas: c.replicas };
    }
    default:
      return { at, action: c.verb, node: c.node };
  }
}

/** The scenario text with `commands` in its timeline and `seed` as its seed. */
export function scenarioWithCommands(text: string, seed: number, commands: readonly LabCommand[]): string {
  const doc = parseDocument(text);
  doc.set('seed', seed);
  if (commands.length > 0) {
    let timeline = doc.get('timeline');
    if (!isSeq(timeline)) {
      timeline = doc.createNode([]);
      doc.set('timeline', timeline);
    }
    if (isSeq(timeline))
      for (const c of commands) {
        const node = doc.createNode(entryOf(c));
        node.flow = true;
        node.commentBefore = ' added in the Flotilla lab';
        timeline.items.push(node);
      }
  }
  return doc.toString({ lineWidth: 0 });
}
