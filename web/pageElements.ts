/** The elements of index.html the lab drives, looked up once by createLab (a missing one is a bug). */
import { byId, svgById } from './dom';

/** The lab's elements in `doc`. */
export function pageElements(doc: Document) {
  const id = <T extends HTMLElement>(name: string, type: new () => T) => byId(doc, name, type);
  return {
    picker: id('scenario-picker', HTMLSelectElement),
    seed: id('seed', HTMLInputElement),
    file: id('scenario-file', HTMLInputElement),
    share: id('share', HTMLButtonElement),
    download: id('download', HTMLButtonElement),
    exportScenario: id('export-scenario', HTMLButtonElement),
    runFile: id('run-file', HTMLInputElement),
    presenter: id('presenter', HTMLButtonElement),
    status: id('status', HTMLParagraphElement),
    dropZone: id('drop-zone', HTMLDivElement),
    title: id('scenario-title', HTMLHeadingElement),
    description: id('scenario-description', HTMLParagraphElement),
    warnings: id('scenario-warnings', HTMLPreElement),
    error: id('scenario-error', HTMLElement),
    errorHeading: id('scenario-error-heading', HTMLHeadingElement),
    errorText: id('scenario-error-text', HTMLPreElement),
    errorClose: id('scenario-error-close', HTMLButtonElement),
    lab: id('lab', HTMLDivElement),
    play: id('play', HTMLButtonElement),
    back: id('back', HTMLButtonElement),
    step: id('step', HTMLButtonElement),
    speed: id('speed', HTMLSelectElement),
    clock: id('clock', HTMLOutputElement),
    scrubber: id('scrubber', HTMLInputElement),
    duration: id('duration', HTMLSpanElement),
    markers: svgById(doc, 'markers'),
    narrationTime: id('narration-time', HTMLSpanElement),
    narrationText: id('narration-text', HTMLSpanElement),
    cluster: id('cluster', HTMLDivElement),
    links: svgById(doc, 'links'),
    inspector: id('inspector', HTMLDivElement),
    commands: id('commands', HTMLOListElement),
    commandsEmpty: id('commands-empty', HTMLParagraphElement),
    checks: id('checks', HTMLUListElement),
    trafficPanel: id('traffic-panel', HTMLElement),
    traffic: id('traffic', HTMLDivElement),
    charts: id('charts', HTMLDivElement),
    panels: {
      nodes: id('nodes', HTMLPreElement),
      pods: id('pods', HTMLPreElement),
      events: id('events', HTMLPreElement),
    },
    compare: {
      section: id('compare', HTMLElement),
      title: id('compare-title', HTMLHeadingElement),
      play: id('compare-play', HTMLButtonElement),
      back: id('compare-back', HTMLButtonElement),
      step: id('compare-step', HTMLButtonElement),
      speed: id('compare-speed', HTMLSelectElement),
      clock: id('compare-clock', HTMLOutputElement),
      duration: id('compare-duration', HTMLSpanElement),
      scrubber: id('compare-scrubber', HTMLInputElement),
      close: id('compare-close', HTMLButtonElement),
      columns: id('compare-columns', HTMLDivElement),
      table: id('compare-table', HTMLTableElement),
      notes: id('compare-notes', HTMLUListElement),
    },
  };
}

export type PageElements = ReturnType<typeof pageElements>;

/** The controls of one playback bar: the lab's and the comparison's have the same. */
export interface PlaybackControls {
  play: HTMLButtonElement;
  back: HTMLButtonElement;
  step: HTMLButtonElement;
  speed: HTMLSelectElement;
  clock: HTMLOutputElement;
  duration: HTMLSpanElement;
  scrubber: HTMLInputElement;
}
