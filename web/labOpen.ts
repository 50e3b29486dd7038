/**
 * Opening runs: a bundled scenario, the user's own file, a link, or a comparison of a folder's
 * scenarios; a user's command reruns the scenario with the command in its timeline. These run the
 * engine (labRun.ts, compareRuns.ts), which is not the store's business, and send it the outcome:
 * `opened` or `compared`, or `failed` with the reason (the current run then stays as it was).
 */
import { COMPARE_PREFIX, prepareComparison } from './compareRuns';
import { formatClock } from './formatClock';
import type { CommandRequest, Selection } from './inspectorView';
import { prepareRun, refusal } from './labRun';
import type { LabStore } from './labStore';
import { BUNDLED_FILES, DEFAULT_SCENARIO } from './scenarioFiles';
import { decodeSession, describeCommand, type LabCommand } from './session';
import { stateAt } from './snapshots';

export interface OpenChoice {
  seed?: number;
  commands?: readonly LabCommand[];
  t?: number;
  isBundled: boolean;
}

export type LabOpener = ReturnType<typeof labOpener>;

export function labOpener(store: LabStore) {
  const single = () => store.getSnapshot().context.single;
  const status = (text: string, kind: 'info' | 'error' = 'info') =>
    store.send({ type: 'status', text, kind });

  /** Loads and runs a scenario's text; on success it replaces the current run, otherwise nothing changes. */
  function openScenario(text: string, path: string, choice: OpenChoice): boolean {
    const result = prepareRun(text, path, {
      ...(choice.seed === undefined ? {} : { seed: choice.seed }),
      commands: choice.commands ?? [],
    });
    if (!result.ok) {
      const heading = `${path.replace(/^.*\//, '')} was not opened: it has errors`;
      store.send({ type: 'failed', heading, text: result.error });
      return false;
    }
    const { run, warnings } = result;
    store.send({ type: 'opened', run, bundled: choice.isBundled, warnings, t: choice.t ?? 0 });
    return true;
  }

  function openBundled(path: string, choice: Omit<OpenChoice, 'isBundled'> = {}): boolean {
    const text = BUNDLED_FILES.get(path);
    if (text === undefined) {
      store.send({
        type: 'failed',
        heading: 'Not found',
        text: `${path} is not one of the bundled scenarios`,
      });
      return false;
    }
    return openScenario(text, path, { ...choice, isBundled: true });
  }

  function openComparison(folder: string, t = 0): void {
    const result = prepareComparison(folder);
    if (result.ok) store.send({ type: 'compared', comparison: result.comparison, t });
    else
      store.send({
        type: 'failed',
        heading: `The comparison ${folder} could not be opened`,
        text: result.error,
      });
  }

  /** The current run again with `commands` (the user's), shown at `t`. */
  function rerun(commands: readonly LabCommand[], t: number): boolean {
    const { run, bundled } = single();
    if (run === undefined) return false;
    return openScenario(run.text, run.path, { seed: run.seed, commands, t, isBundled: bundled });
  }

  return {
    openScenario,
    openBundled,
    openComparison,
    rerun,

    /** A user's command: refused with the engine's message, or added to the run, which is rerun. */
    act(request: CommandRequest): void {
      const { run, time } = single();
      if (run === undefined) return;
      const at = Math.round(time);
      const command = { ...request, at } as LabCommand;
      const why = refusal(stateAt(run.snapshots, at), command);
      if (why !== undefined) return status(`Refused: ${why}`, 'error');
      if (rerun([...run.commands, command], at))
        status(`At ${formatClock(at)}: ${describeCommand(command, run.scenario.orchestrator)}.`);
    },

    /** The run with another seed: pod names depend on it, so the commands (which name pods) start over. */
    reseed(seed: number): void {
      const { run, bundled } = single();
      if (run === undefined) return;
      const had = run.commands.length;
      openScenario(run.text, run.path, { seed, commands: [], isBundled: bundled });
      status(
        `Seed ${seed}${had > 0 ? ': your commands were cleared (pod names differ with another seed)' : ''}.`,
      );
    },

    /** A column of the comparison, in the full lab at `t` with `selection` inspected. */
    openInLab(path: string, t: number, selection: Selection): void {
      if (openBundled(path, { t })) store.send({ type: 'select', selection });
    },

    /** Opens a file of the user's: placed beside the bundled scenarios, so `file:` includes resolve. */
    async openOwnFile(file: File): Promise<void> {
      const text = await file.text();
      if (!openScenario(text, `scenarios/${file.name}`, { isBundled: false })) return;
      status(`Opened ${file.name}. A link cannot carry your own file: use Save run to share this session.`);
    },

    /** Opens what a link names (the default scenario when it names nothing known, saying why). */
    openFromUrl(hash: string): void {
      const { session, problems } = decodeSession(hash);
      if (session.scenario.startsWith(COMPARE_PREFIX)) {
        // The lab's run is behind the comparison, for when it is closed.
        openBundled(DEFAULT_SCENARIO);
        openComparison(session.scenario.slice(COMPARE_PREFIX.length), session.t);
        return;
      }
      const path = `scenarios/${session.scenario}.yaml`;
      const known = BUNDLED_FILES.has(path);
      if (session.scenario !== '' && !known)
        problems.unshift(`"${session.scenario}" is not a bundled scenario; showing the default one`);
      openBundled(known ? path : DEFAULT_SCENARIO, {
        ...(known && session.seed !== undefined ? { seed: session.seed } : {}),
        commands: known ? session.commands : [],
        t: known ? session.t : 0,
      });
      if (problems.length > 0) status(`The link had problems: ${problems.join('; ')}`, 'error');
    },
  };
}
