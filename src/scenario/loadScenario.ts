/**
 * Loading a scenario file: read (through an injected reader: only src/cli touches the disk), parse
 * the YAML with positions, validate against the schema, build the normalised {@link Scenario} and
 * check its cross-references. Every problem found is reported, each at `file:line:column`.
 */
import { LocatedError, sortLocated } from '../model';
import { isEmptyDocument, locatorFor, parseYamlDocuments, yamlToJS } from '../manifests';
import { buildScenario, type ReadFile } from './buildScenario';
import { checkScenario } from './checkScenario';
import type { Scenario } from './scenario';
import { scenarioSchema } from './schema';
import { issuesToLocated } from './schemaIssues';

/** The outcome of loading: a scenario (maybe with warnings), or every error found. */
export type LoadScenarioResult =
  | { ok: true; scenario: Scenario; warnings: LocatedError[] }
  | { ok: false; errors: LocatedError[]; warnings: LocatedError[] };

/**
 * Loads the scenario at `path`. `readFile` reads the scenario and the manifest files it refers to
 * (paths are resolved relative to the scenario file, with forward slashes) and throws when a file
 * cannot be read.
 */
export function loadScenario(path: string, readFile: ReadFile): LoadScenarioResult {
  let text: string;
  try {
    text = readFile(path);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    return {
      ok: false,
      errors: [
        new LocatedError({
          file: path,
          line: 1,
          column: 1,
          path: '',
          message: `cannot read scenario file: ${why}`,
        }),
      ],
      warnings: [],
    };
  }
  return loadScenarioText(text, path, readFile);
}

/** Like {@link loadScenario}, for text already in hand (the browser lab's editor). */
export function loadScenarioText(text: string, path: string, readFile: ReadFile): LoadScenarioResult {
  const fail = (errors: LocatedError[], warnings: LocatedError[] = []): LoadScenarioResult => ({
    ok: false,
    errors: sortLocated(errors),
    warnings: sortLocated(warnings),
  });
  const { sources, errors } = parseYamlDocuments(text, path);
  if (errors.length > 0) return fail(errors);
  const docs = sources.filter((s) => !isEmptyDocument(s));
  const [src, extra] = docs;
  if (src === undefined)
    return fail([
      new LocatedError({
        file: path,
        line: 1,
        column: 1,
        path: '',
        message: 'the scenario file is empty',
        expected: 'name, nodes, apply, timeline, expect',
      }),
    ]);
  if (extra !== undefined)
    return fail([
      locatorFor(extra).error([], 'a scenario file holds one YAML document; this is a second one'),
    ]);
  const js = yamlToJS(src);
  if ('error' in js) return fail([js.error]);
  const loc = locatorFor(src);
  const parsed = scenarioSchema.safeParse(js.value, { reportInput: true });
  if (!parsed.success) return fail(issuesToLocated(parsed.error.issues, js.value, scenarioSchema, loc));
  const built = buildScenario(parsed.data, path, loc, readFile);
  const checked = checkScenario(built.scenario, loc);
  const allErrors = [...built.errors, ...checked.errors];
  const warnings = [...built.warnings, ...checked.warnings];
  return allErrors.length > 0
    ? fail(allErrors, warnings)
    : { ok: true, scenario: built.scenario, warnings: sortLocated(warnings) };
}
