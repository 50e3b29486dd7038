/**
 * A saved run: NDJSON whose first line says how to replay it (the scenario's text and path, the
 * seed, the user's commands) and whose other lines are the trace, exactly as `flotilla run --json`
 * writes records. Loading it reruns the scenario and compares the new trace with the saved one, so
 * a replay is checked, not trusted. Pure: no DOM.
 */
import type { TraceRecord } from '../src/engine';
import { decodeCommand, encodeCommand, type LabCommand } from './session';

const RUN_FILE_TYPE = 'flotilla-lab-run';

interface RunFileHeader {
  type: typeof RUN_FILE_TYPE;
  version: 1;
  /** Project-relative path of the scenario (`scenarios/node-dies.yaml`, or the opened file's name). */
  path: string;
  seed: number;
  /** Commands in the URL's compact form (`45000~failNode~node-1`). */
  commands: string[];
  /** The scenario file's text, so that a run of one's own file replays anywhere. */
  text: string;
}

export interface RunFile {
  path: string;
  seed: number;
  commands: LabCommand[];
  text: string;
  /** The saved trace lines, as written. */
  trace: string[];
}

/** The NDJSON text of a run. */
export function encodeRunFile(
  run: { path: string; seed: number; commands: readonly LabCommand[]; text: string },
  trace: readonly TraceRecord[],
): string {
  const header: RunFileHeader = {
    type: RUN_FILE_TYPE,
    version: 1,
    path: run.path,
    seed: run.seed,
    commands: run.commands.map(encodeCommand),
    text: run.text,
  };
  return [JSON.stringify(header), ...trace.map((r) => JSON.stringify(r))].join('\n') + '\n';
}

/** Parses a saved run; throws an Error that says which line is wrong and why. */
export function decodeRunFile(text: string): RunFile {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  const [first, ...trace] = lines;
  if (first === undefined) throw new Error('the file is empty');
  let header: unknown;
  try {
    header = JSON.parse(first);
  } catch {
    throw new Error('line 1: not JSON (a saved run starts with a {"type": "flotilla-lab-run", ...} line)');
  }
  const h = header as Partial<RunFileHeader>;
  if (typeof h !== 'object' || h === null || h.type !== RUN_FILE_TYPE)
    throw new Error(`line 1: type must be "${RUN_FILE_TYPE}" (this is not a run saved by the lab)`);
  if (h.version !== 1) throw new Error(`line 1: version ${String(h.version)} is not supported (expected 1)`);
  if (typeof h.path !== 'string' || !/^[\w./-]+\.ya?ml$/.test(h.path))
    throw new Error('line 1: path must name a .yaml file');
  if (typeof h.seed !== 'number' || !Number.isInteger(h.seed) || h.seed < 0)
    throw new Error('line 1: seed must be a whole number');
  if (typeof h.text !== 'string') throw new Error('line 1: text must be the scenario file text');
  if (!Array.isArray(h.commands)) throw new Error('line 1: commands must be a list');
  const commands = h.commands.map((c, i) => {
    try {
      return decodeCommand(String(c));
    } catch (e) {
      throw new Error(`line 1: commands[${i}]: ${e instanceof Error ? e.message : String(e)}`);
    }
  });
  trace.forEach((line, i) => {
    try {
      JSON.parse(line);
    } catch {
      throw new Error(`line ${i + 2}: not JSON`);
    }
  });
  return { path: h.path, seed: h.seed, commands, text: h.text, trace };
}

/** The first line where two traces differ (1-based, counting the header), or undefined if equal. */
export function firstDifference(
  saved: readonly string[],
  replayed: readonly TraceRecord[],
): number | undefined {
  const n = Math.max(saved.length, replayed.length);
  for (let i = 0; i < n; i++) {
    const r = replayed[i];
    if (saved[i] !== (r === undefined ? undefined : JSON.stringify(r))) return i + 2;
  }
  return undefined;
}
