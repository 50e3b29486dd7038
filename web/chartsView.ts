import type { LabRun } from './labRun';

export function renderCharts(_root: HTMLElement, _run: LabRun, _now: number): void {}
