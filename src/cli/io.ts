/** The CLI's only contact with the host: reading files and writing to stdout/stderr. */
import { readFileSync } from 'node:fs';
import { type LoadScenarioResult, loadScenario, type Scenario } from '../scenario';
import { formatLocatedErrors } from '../model';

export interface Output {
  out(text: string): void;
  err(text: string): void;
}

export const processOutput: Output = {
  out: (t) => process.stdout.write(t.endsWith('\n') ? t : `${t}\n`),
  err: (t) => process.stderr.write(t.endsWith('\n') ? t : `${t}\n`),
};

export const readText = (path: string): string => readFileSync(path, 'utf8');

/** Exit codes: 0 all passed, 1 an expectation failed, 2 invalid input (usage or file). */
export const EXIT = { ok: 0, failed: 1, invalid: 2 } as const;

/** Loads a scenario, printing located errors (and warnings) to stderr. */
export function loadOrReport(file: string, io: Output, quietWarnings = false): Scenario | undefined {
  let result: LoadScenarioResult;
  try {
    result = loadScenario(file, readText);
  } catch (e) {
    io.err(`flotilla: cannot read ${file}: ${e instanceof Error ? e.message : String(e)}`);
    return undefined;
  }
  if (!result.ok) {
    io.err(formatLocatedErrors([...result.errors, ...result.warnings]));
    return undefined;
  }
  if (!quietWarnings && result.warnings.length > 0) io.err(formatLocatedErrors(result.warnings));
  return result.scenario;
}
