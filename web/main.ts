/**
 * The lab page: pick (or open) a scenario, run it, and look at the cluster at any simulated time.
 * This file wires index.html's controls to a LabRun; the views render snapshots and never change
 * the simulation, and time moves only through Simulation.seek.
 */
import { config as zodConfig } from 'zod';
import { byId } from './dom';
import { renderChecks } from './checksView';
import { renderCluster } from './clusterView';
import { formatClock } from './formatClock';
import { nextEventTime, prepareRun, previousEventTime, scenarioLabel, type LabRun } from './labRun';
import { Player } from './player';
import { BUNDLED_FILES, DEFAULT_SCENARIO, SCENARIO_PATHS } from './scenarioFiles';
import { renderNarration, renderTextPanels } from './textPanels';

// The page's Content-Security-Policy forbids eval; without this, zod probes `new Function` to
// compile fast parsers, and the browser reports the refused probe as an error.
zodConfig({ jitless: true });

const el = {
  picker: byId('scenario-picker', HTMLSelectElement),
  file: byId('scenario-file', HTMLInputElement),
  title: byId('scenario-title', HTMLHeadingElement),
  description: byId('scenario-description', HTMLParagraphElement),
  warnings: byId('scenario-warnings', HTMLPreElement),
  error: byId('scenario-error', HTMLElement),
  errorText: byId('scenario-error-text', HTMLPreElement),
  lab: byId('lab', HTMLDivElement),
  play: byId('play', HTMLButtonElement),
  back: byId('back', HTMLButtonElement),
  step: byId('step', HTMLButtonElement),
  speed: byId('speed', HTMLSelectElement),
  clock: byId('clock', HTMLOutputElement),
  scrubber: byId('scrubber', HTMLInputElement),
  duration: byId('duration', HTMLSpanElement),
  narrationTime: byId('narration-time', HTMLSpanElement),
  narrationText: byId('narration-text', HTMLSpanElement),
  cluster: byId('cluster', HTMLDivElement),
  checks: byId('checks', HTMLUListElement),
  panels: {
    nodes: byId('nodes', HTMLPreElement),
    pods: byId('pods', HTMLPreElement),
    events: byId('events', HTMLPreElement),
  },
};

let run: LabRun | undefined;
/** The viewed time in ms, fractional while playing; the simulation is sought to its rounding. */
let viewTime = 0;
/** What was last drawn, to skip redrawing identical frames while playing. */
let drawn: { state: unknown; second: number } | undefined;

const player = new Player(
  (simMs) => {
    if (run === undefined) return false;
    showTime(viewTime + simMs);
    return viewTime < run.end;
  },
  (playing) => {
    el.play.textContent = playing ? '❚❚ Pause' : '▶ Play';
    el.play.setAttribute('aria-pressed', String(playing));
  },
);
player.speed = Number(el.speed.value);

/** Moves the view to `t` (clamped to the run) and redraws what changed. */
function showTime(t: number): void {
  if (run === undefined) return;
  viewTime = Math.min(run.end, Math.max(0, t));
  const { sim } = run;
  const at = Math.round(viewTime);
  if (sim.now !== at) sim.seek(at);
  el.clock.textContent = formatClock(at);
  el.scrubber.value = String(at);
  el.scrubber.setAttribute('aria-valuetext', formatClock(at));
  const second = Math.floor(at / 1000);
  if (drawn !== undefined && drawn.state === sim.state && drawn.second === second) return;
  drawn = { state: sim.state, second };
  renderCluster(el.cluster, sim.state);
  renderTextPanels(el.panels, sim.state, at);
  renderNarration(el.narrationTime, el.narrationText, run.trace, at);
  renderChecks(el.checks, run.outcomes, at);
}

function showError(text: string): void {
  el.error.hidden = false;
  el.errorText.textContent = text;
  el.lab.hidden = true;
}

/** Loads and runs a scenario's text, then shows it at t=0. */
function openScenario(text: string, path: string): void {
  player.pause();
  run = undefined;
  drawn = undefined;
  const result = prepareRun(text, path);
  el.warnings.hidden = true;
  if (!result.ok) {
    el.title.textContent = path;
    el.description.textContent = '';
    showError(result.error);
    return;
  }
  run = result.run;
  const { scenario } = run;
  el.error.hidden = true;
  el.lab.hidden = false;
  el.title.textContent = scenario.title ?? scenario.name;
  el.description.textContent = scenario.description ?? '';
  if (result.warnings !== '') {
    el.warnings.hidden = false;
    el.warnings.textContent = result.warnings;
  }
  document.title = `Flotilla · ${scenario.title ?? scenario.name}`;
  el.scrubber.max = String(run.end);
  el.duration.textContent = `/ ${formatClock(run.end)}`;
  el.cluster.replaceChildren();
  el.checks.replaceChildren();
  showTime(0);
}

function openBundled(path: string): void {
  const text = BUNDLED_FILES.get(path);
  if (text === undefined) return showError(`${path} is not one of the bundled scenarios`);
  el.picker.value = path;
  openScenario(text, path);
}

/** The picker lists every scenarios/*.yaml by its title (by file name when it has errors). */
function fillPicker(): void {
  for (const path of SCENARIO_PATHS) {
    const text = BUNDLED_FILES.get(path) ?? '';
    const option = document.createElement('option');
    option.value = path;
    option.textContent = scenarioLabel(text, path);
    el.picker.append(option);
  }
}

function scenarioFromHash(): string {
  const name = decodeURIComponent(location.hash.replace(/^#/, ''));
  const path = `scenarios/${name}.yaml`;
  return name !== '' && BUNDLED_FILES.has(path) ? path : DEFAULT_SCENARIO;
}

el.picker.addEventListener('change', () => {
  history.replaceState(null, '', `#${el.picker.value.replace(/^scenarios\/|\.ya?ml$/g, '')}`);
  openBundled(el.picker.value);
});

el.file.addEventListener('change', () => {
  const file = el.file.files?.[0];
  if (file === undefined) return;
  void file.text().then((text) => {
    // Placed beside the bundled scenarios, so `file: manifests/tooling.yaml` includes resolve.
    const path = `scenarios/${file.name}`;
    let option = el.picker.querySelector<HTMLOptionElement>('option[data-opened]');
    if (option === null) {
      option = document.createElement('option');
      option.dataset['opened'] = 'true';
      el.picker.prepend(option);
    }
    option.value = path;
    option.textContent = `${file.name} (opened file)`;
    el.picker.value = path;
    el.file.value = '';
    openScenario(text, path);
  });
});

el.play.addEventListener('click', () => {
  if (run !== undefined && !player.playing && viewTime >= run.end) showTime(0);
  player.toggle();
});
el.step.addEventListener('click', () => {
  if (run === undefined) return;
  player.pause();
  showTime(nextEventTime(run, Math.round(viewTime)));
});
el.back.addEventListener('click', () => {
  if (run === undefined) return;
  player.pause();
  showTime(previousEventTime(run, Math.round(viewTime)));
});
el.speed.addEventListener('change', () => {
  player.speed = Number(el.speed.value);
});
el.scrubber.addEventListener('input', () => showTime(Number(el.scrubber.value)));

document.addEventListener('keydown', (e) => {
  const target = e.target;
  if (
    e.altKey ||
    e.ctrlKey ||
    e.metaKey ||
    target instanceof HTMLInputElement ||
    target instanceof HTMLSelectElement ||
    target instanceof HTMLButtonElement ||
    target instanceof HTMLTextAreaElement
  )
    return;
  const actions: Record<string, () => void> = {
    ' ': () => el.play.click(),
    ArrowRight: () => el.step.click(),
    ArrowLeft: () => el.back.click(),
    Home: () => showTime(0),
    End: () => showTime(run?.end ?? 0),
  };
  const action = actions[e.key];
  if (action === undefined) return;
  e.preventDefault();
  action();
});

fillPicker();
openBundled(scenarioFromHash());
