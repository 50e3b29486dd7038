/** `flotilla describe pod|node NAME FILE [--at T] [-n NS]`: what `kubectl describe` would print. */
import { describeNode, describePod } from '../manifests';
import { duration, oneFile, parse, seedOf, UsageError } from './args';
import { EXIT, type Output } from './io';
import { stateAt } from './stateAt';

export function describeCommand(args: string[], io: Output): number {
  const { values, positionals } = parse(args, {
    at: { type: 'string' },
    namespace: { type: 'string', short: 'n' },
    seed: { type: 'string' },
  });
  const [kind, name, ...files] = positionals;
  if (
    kind !== 'pod' &&
    kind !== 'pods' &&
    kind !== 'po' &&
    kind !== 'node' &&
    kind !== 'nodes' &&
    kind !== 'no'
  ) {
    throw new UsageError(
      `expected "pod NAME" or "node NAME", got ${kind === undefined ? 'none' : `"${kind}"`}`,
    );
  }
  if (name === undefined) throw new UsageError(`expected the ${kind.startsWith('po') ? 'pod' : 'node'} name`);
  const file = oneFile(files);
  const found = stateAt(
    file,
    duration('at', values.at as string | undefined),
    seedOf(values.seed as string | undefined),
    io,
  );
  if (!found) return EXIT.invalid;
  const ns = (values.namespace as string | undefined) ?? 'default';
  const text = kind.startsWith('po')
    ? describePod(found.state, name.includes('/') ? name : `${ns}/${name}`, found.now)
    : describeNode(found.state, name, found.now);
  // kubectl prints NotFound errors on stderr and exits 1 (kubectl cmd/util/helpers.go CheckErr).
  if (text.startsWith('Error from server (NotFound)')) {
    io.err(text);
    return EXIT.failed;
  }
  io.out(text);
  return EXIT.ok;
}
