/**
 * What the cross-reference checks of a scenario (checkScenario.ts, checkTimeline.ts) share: the
 * scenario, where its fields are, every object it applies, and the errors found so far.
 */
import type { LoadedObject, Locator } from '../manifests';
import type { LocatedError } from '../model';
import type { Scenario } from './scenario';

export interface RefCheck {
  readonly s: Scenario;
  readonly loc: Locator;
  /** Every object applied, at time 0 or later in the timeline. */
  readonly all: readonly LoadedObject[];
  /** The scenario's node names, each once. */
  readonly nodeNames: readonly string[];
  readonly errors: LocatedError[];
}

/** The `expected` text of an unknown name: the names that would do, if there are any. */
export const oneOf = (names: readonly string[]): string | undefined =>
  names.length === 0 ? undefined : `one of: ${names.join(', ')}`;

/** A node named in an action or an expectation must be one of the scenario's nodes. */
export function checkNode(r: RefCheck, name: string, path: (string | number)[]): void {
  if (!r.nodeNames.includes(name))
    r.errors.push(r.loc.error(path, `unknown node "${name}"`, oneOf(r.nodeNames)));
}
