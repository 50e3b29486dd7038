/**
 * What the compose and swarm builders share: loading one `compose:` reference of a scenario
 * (`{file}` or `{inline}`, with an optional `project:` name) into a Compose project, and the checks
 * both make on the rest of the scenario. Errors and warnings go into the lists given.
 */
import { stringify } from 'yaml';
import { loadCompose } from '../compose';
import type { ComposeProject, LocatedError } from '../model';
import type { Locator } from '../manifests';
import { resolveRelative } from './resolvePath';
import type { ScenarioFile } from './schema';

type ComposeRef = Exclude<NonNullable<ScenarioFile['compose']>, readonly unknown[]>;

export function loadComposeRef(
  ref: ComposeRef,
  at: (...p: (string | number)[]) => (string | number)[],
  scenario: { file: ScenarioFile; path: string; loc: Locator; readFile: (path: string) => string },
  errors: LocatedError[],
  warnings: LocatedError[],
): ComposeProject | undefined {
  const { file, path, loc, readFile } = scenario;
  if ((ref.file === undefined) === (ref.inline === undefined)) {
    errors.push(loc.error(at(), 'give exactly one of "file" or "inline"', 'file: compose/tooling.yaml'));
    return undefined;
  }
  let text: string;
  let source: string;
  if (ref.file !== undefined) {
    source = resolveRelative(path, ref.file);
    try {
      text = readFile(source);
    } catch {
      errors.push(
        loc.error(
          at('file'),
          `cannot read "${ref.file}" (looked for ${source})`,
          'a compose file path relative to the scenario file',
        ),
      );
      return undefined;
    }
  } else {
    // Positions inside an inline project are those of this YAML text, named after the block.
    source = `${path} (${at().join('.')}.inline)`;
    text = stringify(ref.inline);
  }
  const r = loadCompose(text, source, {
    readFile: (rel) => {
      try {
        return readFile(resolveRelative(source, rel));
      } catch {
        return undefined;
      }
    },
    // An inline project without name: is named after the scenario (a file's, after its directory).
    ...(ref.file === undefined ? { directory: file.name } : {}),
  });
  errors.push(...r.errors);
  warnings.push(...r.warnings);
  if (r.project === undefined) return undefined;
  return ref.project !== undefined ? { ...r.project, name: ref.project } : r.project;
}

/**
 * The checks both Docker orchestrators make on the rest of the scenario: no Kubernetes objects, no
 * kube-scheduler configuration, and only the timeline actions that exist there (`where`: "on a
 * Docker host", "on a swarm"). `messages` words the first two for the orchestrator.
 */
export function checkDockerScenario(
  file: ScenarioFile,
  loc: Locator,
  allowed: ReadonlySet<string>,
  messages: { apply: string; scheduler: string; where: string },
  errors: LocatedError[],
): void {
  if (file.apply !== undefined) errors.push(loc.keyError(['apply'], messages.apply));
  if (file.scheduler !== undefined) errors.push(loc.keyError(['scheduler'], messages.scheduler));
  for (const [i, e] of (file.timeline ?? []).entries()) {
    const action = e.action ?? 'say';
    if (!allowed.has(action))
      errors.push(
        loc.error(
          ['timeline', i, 'action'],
          `"${action}" does not exist ${messages.where}`,
          [...allowed].join(', '),
        ),
      );
  }
}
