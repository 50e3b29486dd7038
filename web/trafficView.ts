import type { ClusterState } from '../src/model/state';
import type { LabRun } from './labRun';

export function renderTraffic(
  panel: HTMLElement,
  _root: HTMLElement,
  _run: LabRun,
  _state: ClusterState,
  _now: number,
  _animate: boolean,
): void {
  panel.hidden = true;
}
