/** `flotilla ps FILE [--at T] [-a]`: what `docker compose ps` would print on each host of a compose scenario. */
import { tabwrite } from '../manifests';
import { composePsLines } from '../orchestrators';
import { runScenario } from '../scenario';
import { EXIT, loadOrReport, type Output } from './io';

/** Docker CLI tables: text/tabwriter minwidth 10, padding 3 (docker/cli cli/command/formatter/formatter.go). */
const DOCKER_TABWRITER = { minWidth: 10, padding: 3 };

export function ps(file: string, opts: { at?: number; all: boolean; seed?: number }, io: Output): number {
  const scenario = loadOrReport(file, io, true);
  if (!scenario) return EXIT.invalid;
  if (scenario.compose === undefined) {
    io.err(
      `flotilla ps: ${file} is not a compose scenario (orchestrator: ${scenario.orchestrator}); try flotilla get pods`,
    );
    return EXIT.invalid;
  }
  const result = runScenario(scenario, {
    journal: false,
    ...(opts.at !== undefined ? { until: opts.at } : {}),
    ...(opts.seed !== undefined ? { seed: opts.seed } : {}),
  });
  const { state, now } = { state: result.sim.state, now: result.sim.now };
  const many = scenario.compose.length > 1;
  const parts: string[] = [];
  for (const d of scenario.compose) {
    const lines = composePsLines(state, d.host, d.project.name, now, opts.all);
    const head = many ? `${d.host} · docker compose -p ${d.project.name} ps\n` : '';
    parts.push(head + (typeof lines === 'string' ? `${lines}\n` : tabwrite(lines, DOCKER_TABWRITER)));
  }
  io.out(parts.join('\n'));
  return EXIT.ok;
}
