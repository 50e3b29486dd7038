/**
 * What the lab page shows, shared by its modules: the run, whether it is a bundled scenario, the
 * viewed time and the selection; and the two actions the view hands to the views it draws (set by
 * labOpen.ts, which owns the session, so that the view does not import it back).
 */
import type { CommandRequest, Selection } from './inspectorView';
import type { LabRun } from './labRun';

export const lab: {
  run: LabRun | undefined;
  /** Whether the run's scenario is a bundled one (then the URL can name it). */
  bundled: boolean;
  /** The viewed time in ms, fractional while playing; the simulation is sought to its rounding. */
  viewTime: number;
  selection: Selection | undefined;
} = { run: undefined, bundled: true, viewTime: 0, selection: undefined };

export const hooks: { updateUrl: () => void; act: (request: CommandRequest) => void } = {
  updateUrl: () => undefined,
  act: () => undefined,
};
