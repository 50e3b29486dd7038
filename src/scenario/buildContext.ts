/**
 * What the builders of a scenario's parts share: the file's path and locator, a file reader, and
 * the errors and warnings found so far.
 */
import type { Locator } from '../manifests';
import type { LocatedError } from '../model';
import { parseDuration } from './duration';

/** Reads a file by path (injected: only src/cli touches the file system). Throws if it cannot. */
export type ReadFile = (path: string) => string;

/** One scenario file being built (buildScenario.ts). */
export interface BuildContext {
  path: string;
  loc: Locator;
  readFile: ReadFile;
  errors: LocatedError[];
  warnings: LocatedError[];
}

/** A duration field in ms (its text was validated by the schema). */
export const ms = (d: string | number): number => (typeof d === 'number' ? d : parseDuration(d));
