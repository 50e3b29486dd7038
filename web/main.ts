/**
 * The lab page: pick (or open, or drop) a scenario, run it, look at the cluster at any simulated
 * time, inspect and act on it, and share the session. This file wires index.html's controls to a
 * LabRun; the views render snapshots and never change the simulation, time moves only through
 * Simulation.seek, and a user's command reruns the scenario with the command in its timeline.
 */
import { config as zodConfig } from 'zod';
import { renderCharts } from './chartsView';
import { renderChecks } from './checksView';
import { renderCluster } from './clusterView';
import { renderCommandList } from './commandsView';
import { COMPARE_PREFIX, comparableFolders } from './compareRuns';
import { CompareMode } from './compareMode';
import { el, links, markersSvg } from './pageElements';
import { installDropZone, saveFile } from './pageFiles';
import { formatClock } from './formatClock';
import { renderInspector, type CommandRequest, type Selection } from './inspectorView';
import { labKeys } from './keys';
import { nextEventTime, prepareRun, previousEventTime, refusal, scenarioLabel, type LabRun } from './labRun';
import { renderMarkers, timelineMarkers } from './markers';
import { motionAllowed } from './motion';
import { Player } from './player';
import { decodeRunFile, encodeRunFile, firstDifference } from './runFile';
import { BUNDLED_FILES, DEFAULT_SCENARIO, SCENARIO_PATHS, scenarioGroup } from './scenarioFiles';
import { decodeSession, describeCommand, encodeSession, type LabCommand } from './session';
import { scenarioWithCommands } from './scenarioExport';
import { stateAt } from './snapshots';
import { eventsAtEnd, renderNarration, renderTextPanels } from './textPanels';
import { renderTraffic } from './trafficView';

// The page's Content-Security-Policy forbids eval; without this, zod probes `new Function` to
// compile fast parsers, and the browser reports the refused probe as an error.
zodConfig({ jitless: true });

let run: LabRun | undefined;
/** Whether the run's scenario is a bundled one (then the URL can name it). */
let bundled = true;
/** The viewed time in ms, fractional while playing; the simulation is sought to its rounding. */
let viewTime = 0;
let selection: Selection | undefined;
/** What was last drawn, to skip redrawing identical frames while playing. */
let drawn: { state: unknown; second: number; selection: Selection | undefined } | undefined;
/** How long the last full draw took and when it ended (wall ms): playing skips frames it cannot afford. */
let drawCost = 0;
let drawEnd = 0;

/**
 * Panels scrolled out of view are not redrawn in a big cluster (a 3,000-line kubectl table costs
 * more than a frame); they catch up when they scroll back in.
 */
const offscreen = new Set<Element>();
const observer = new IntersectionObserver((entries) => {
  let shown = false;
  for (const e of entries) {
    if (e.isIntersecting) {
      shown ||= offscreen.delete(e.target);
    } else offscreen.add(e.target);
  }
  if (shown) {
    drawn = undefined;
    showTime(viewTime);
  }
});
/** Panel widths, measured when the layout changes rather than in every frame (a forced layout). */
const widths = { traffic: 900, charts: 900 };
function measureWidths(): void {
  widths.traffic = el.traffic.clientWidth || widths.traffic;
  widths.charts = el.charts.clientWidth || widths.charts;
}

/**
 * Whether to draw `panel` now: when it is in view; out of view only while paused in a small
 * cluster (so that what is below the fold is current when the reader scrolls or the page is read).
 */
const worthDrawing = (panel: Element) =>
  !offscreen.has(panel) || (!player.playing && !el.cluster.classList.contains('compact'));

const player = new Player(
  (simMs) => {
    if (run === undefined) return false;
    let target = viewTime + simMs;
    // Presenter mode stops at each narration step, so the presenter can talk before going on.
    const say = document.body.classList.contains('presenter') ? nextNarration(run, viewTime) : undefined;
    if (say !== undefined && target >= say) target = say;
    showTime(target, true);
    return viewTime < run.end && viewTime !== say;
  },
  (playing) => {
    el.play.textContent = playing ? '❚❚ Pause' : '▶ Play';
    el.play.setAttribute('aria-pressed', String(playing));
    if (playing) return;
    // Panels skipped while playing catch up.
    drawn = undefined;
    showTime(viewTime);
    updateUrl();
  },
);
player.speed = Number(el.speed.value);

function nextNarration(r: LabRun, after: number): number | undefined {
  for (const x of r.trace) if (x.type === 'say' && x.t > after) return x.t;
  return undefined;
}

function setStatus(text: string, kind: 'info' | 'error' = 'info'): void {
  el.status.hidden = text === '';
  el.status.textContent = text;
  el.status.className = `status status-${kind}`;
}

/** Moves the view to `t` (clamped to the run) and redraws what changed. */
function showTime(t: number, moving = false): void {
  if (run === undefined) return;
  const before = viewTime;
  viewTime = Math.min(run.end, Math.max(0, t));
  const at = Math.round(viewTime);
  const state = stateAt(run.snapshots, at);
  const clock = formatClock(at);
  // Unchanged text is not written again: each write would lay the page out.
  if (el.clock.textContent !== clock) {
    el.clock.textContent = clock;
    el.scrubber.setAttribute('aria-valuetext', clock);
  }
  if (el.scrubber.value !== String(at)) el.scrubber.value = String(at);
  const second = Math.floor(at / 1000);
  if (
    drawn !== undefined &&
    drawn.state === state &&
    drawn.second === second &&
    drawn.selection === selection
  )
    return;
  // While playing, a draw that costs more than a frame is done every other chance at most.
  const wall = performance.now();
  if (moving && player.playing && drawCost > 20 && wall - drawEnd < drawCost) return;
  drawn = { state, second, selection };
  const animate = moving && motionAllowed() && viewTime >= before;
  const followEvents = eventsAtEnd(el.panels);
  renderCluster(el.cluster, links, state, { selected: selection, onSelect: select, animate });
  if (worthDrawing(el.panels.pods.parentElement ?? el.panels.pods))
    renderTextPanels(el.panels, state, at, followEvents);
  renderNarration(el.narrationTime, el.narrationText, run.trace, at);
  renderChecks(el.checks, run.outcomes, at);
  renderInspector(el.inspector, selection, {
    state,
    now: at,
    trace: run.trace,
    profiles: run.scenario.schedulerProfiles,
    act,
  });
  if (worthDrawing(el.trafficPanel))
    renderTraffic(el.trafficPanel, el.traffic, run, state, at, animate && player.playing, widths.traffic);
  if (worthDrawing(el.charts)) renderCharts(el.charts, run, at, widths.charts);
  drawEnd = performance.now();
  drawCost = drawEnd - wall;
}

function select(s: Selection): void {
  selection = s;
  showTime(viewTime);
}

function updateUrl(): void {
  if (compare.active) return compare.updateUrl();
  if (run === undefined) return;
  if (!bundled) {
    history.replaceState(null, '', location.pathname + location.search);
    return;
  }
  const name = run.path.replace(/^scenarios\/|\.ya?ml$/g, '');
  const seed = run.seed === run.scenario.seed ? undefined : run.seed;
  const hash = encodeSession({
    scenario: name,
    ...(seed === undefined ? {} : { seed }),
    t: Math.round(viewTime),
    commands: [...run.commands],
  });
  history.replaceState(null, '', `#${hash}`);
}

function showError(heading: string, text: string): void {
  el.error.hidden = false;
  el.errorHeading.textContent = heading;
  el.errorText.textContent = text;
  // With a run on screen, it stays as it was: the error only says why the file was not opened.
  el.lab.hidden = run === undefined;
  el.error.scrollIntoView({ block: 'nearest' });
}

interface OpenChoice {
  seed?: number;
  commands?: readonly LabCommand[];
  t?: number;
  isBundled: boolean;
}

/** Loads and runs a scenario's text; on success it replaces the current run, otherwise nothing changes. */
function openScenario(text: string, path: string, choice: OpenChoice): boolean {
  const result = prepareRun(text, path, {
    ...(choice.seed === undefined ? {} : { seed: choice.seed }),
    commands: choice.commands ?? [],
  });
  if (!result.ok) {
    showError(`${path.replace(/^.*\//, '')} was not opened: it has errors`, result.error);
    return false;
  }
  player.pause();
  compare.close();
  const keepSelection = run !== undefined && run.path === path;
  run = result.run;
  bundled = choice.isBundled;
  drawn = undefined;
  if (!keepSelection) selection = undefined;
  const { scenario } = run;
  el.error.hidden = true;
  el.lab.hidden = false;
  el.title.textContent = scenario.title ?? scenario.name;
  el.description.textContent = scenario.description ?? '';
  el.warnings.hidden = result.warnings === '';
  el.warnings.textContent = result.warnings;
  document.title = `Flotilla · ${scenario.title ?? scenario.name}`;
  el.seed.value = String(run.seed);
  el.scrubber.max = String(run.end);
  el.duration.textContent = `/ ${formatClock(run.end)}`;
  if (!keepSelection) {
    el.cluster.replaceChildren();
    el.checks.replaceChildren();
  }
  renderCommands();
  measureWidths();
  const commandTimes = new Set(run.commands.map((c) => c.at));
  const r = run;
  renderMarkers(markersSvg, timelineMarkers(r.trace, commandTimes), r.end, (t) => {
    player.pause();
    showTime(t);
    updateUrl();
  });
  showTime(choice.t ?? 0);
  // A panel shown for the first time by that draw has a width only now.
  const before = { ...widths };
  measureWidths();
  if (before.traffic !== widths.traffic || before.charts !== widths.charts) {
    drawn = undefined;
    showTime(viewTime);
  }
  updateUrl();
  return true;
}

function rerun(commands: readonly LabCommand[], t: number): boolean {
  if (run === undefined) return false;
  return openScenario(run.text, run.path, { seed: run.seed, commands, t, isBundled: bundled });
}

/** A user's command: refused with the engine's message, or added to the run, which is rerun. */
function act(request: CommandRequest): void {
  if (run === undefined) return;
  const at = Math.round(viewTime);
  const command = { ...request, at } as LabCommand;
  const why = refusal(stateAt(run.snapshots, at), command);
  if (why !== undefined) {
    setStatus(`Refused: ${why}`, 'error');
    return;
  }
  if (rerun([...run.commands, command], at)) setStatus(`At ${formatClock(at)}: ${describeCommand(command)}.`);
}

function renderCommands(): void {
  if (run === undefined) return;
  const r = run;
  renderCommandList(el.commands, el.commandsEmpty, r.commands, {
    go: (t) => showTime(t),
    remove: (i) =>
      rerun(
        r.commands.filter((_, j) => j !== i),
        Math.round(viewTime),
      ),
  });
}

/** The lab's run goes on behind the comparison, and comes back when it is closed. */
const compare = new CompareMode({
  openInLab: (path, t, s) => {
    openBundled(path, { t });
    select(s);
    updateUrl();
  },
  closed: () => {
    if (run === undefined) return;
    el.picker.value = run.path;
    document.title = `Flotilla · ${run.scenario.title ?? run.scenario.name}`;
    measureWidths();
    drawn = undefined;
    showTime(viewTime);
    updateUrl();
    el.picker.focus();
  },
  error: showError,
});

function openComparison(folder: string, t = 0): void {
  player.pause();
  if (compare.open(folder, t)) el.picker.value = `${COMPARE_PREFIX}${folder}`;
  else if (run !== undefined) el.picker.value = run.path;
}

function openBundled(path: string, choice: Omit<OpenChoice, 'isBundled'> = {}): void {
  const text = BUNDLED_FILES.get(path);
  if (text === undefined) return showError('Not found', `${path} is not one of the bundled scenarios`);
  el.picker.value = path;
  openScenario(text, path, { ...choice, isBundled: true });
}

/** Opens a file of the user's: placed beside the bundled scenarios, so `file:` includes resolve. */
function openOwnFile(file: File): void {
  void file.text().then((text) => {
    const path = `scenarios/${file.name}`;
    if (!openScenario(text, path, { isBundled: false })) return;
    let option = el.picker.querySelector<HTMLOptionElement>('option[data-opened]');
    if (option === null) {
      option = document.createElement('option');
      option.dataset['opened'] = 'true';
      el.picker.prepend(option);
    }
    option.value = path;
    option.textContent = `${file.name} (opened file)`;
    el.picker.value = path;
    setStatus(`Opened ${file.name}. A link cannot carry your own file: use Save run to share this session.`);
  });
}

/**
 * The picker lists every scenario by its title (by file name when it has errors); the scenarios of
 * a sub-folder are grouped under its name.
 */
function fillPicker(): void {
  const groups = new Map<string, HTMLOptGroupElement>();
  for (const path of SCENARIO_PATHS) {
    const text = BUNDLED_FILES.get(path) ?? '';
    const option = document.createElement('option');
    option.value = path;
    option.textContent = scenarioLabel(text, path);
    const group = scenarioGroup(path);
    if (group === '') {
      el.picker.append(option);
      continue;
    }
    let optgroup = groups.get(group);
    if (optgroup === undefined) {
      optgroup = document.createElement('optgroup');
      optgroup.label = group;
      groups.set(group, optgroup);
      el.picker.append(optgroup);
    }
    optgroup.append(option);
  }
  // A folder of scenarios (the course's compose-vs-swarm-vs-kubernetes/) can be compared.
  for (const [folder, paths] of comparableFolders()) {
    const option = document.createElement('option');
    option.value = `${COMPARE_PREFIX}${folder}`;
    option.textContent = `⇆ Compare these ${paths.length} side by side`;
    groups.get(folder)?.append(option);
  }
}

function openFromUrl(): void {
  const { session, problems } = decodeSession(location.hash);
  if (session.scenario.startsWith(COMPARE_PREFIX)) {
    openBundled(DEFAULT_SCENARIO);
    openComparison(session.scenario.slice(COMPARE_PREFIX.length), session.t);
    return;
  }
  const path = `scenarios/${session.scenario}.yaml`;
  if (session.scenario !== '' && !BUNDLED_FILES.has(path))
    problems.unshift(`"${session.scenario}" is not a bundled scenario; showing the default one`);
  const known = BUNDLED_FILES.has(path);
  openBundled(known ? path : DEFAULT_SCENARIO, {
    ...(known && session.seed !== undefined ? { seed: session.seed } : {}),
    commands: known ? session.commands : [],
    t: known ? session.t : 0,
  });
  if (problems.length > 0) setStatus(`The link had problems: ${problems.join('; ')}`, 'error');
}

function download(): void {
  if (run === undefined) return;
  saveFile(
    encodeRunFile(run, run.trace),
    'application/x-ndjson',
    `${run.scenario.name}-seed${run.seed}.ndjson`,
  );
}

function exportScenario(): void {
  if (run === undefined) return;
  const name = `${run.scenario.name}-lab.yaml`;
  saveFile(scenarioWithCommands(run.text, run.seed, run.commands), 'text/yaml', name);
  setStatus(`Saved ${name}: put it in scenarios/ and run it with npx flotilla run scenarios/${name}`);
}

function loadRunFile(file: File): void {
  void file.text().then((text) => {
    let saved;
    try {
      saved = decodeRunFile(text);
    } catch (e) {
      showError(`${file.name} is not a saved run`, e instanceof Error ? e.message : String(e));
      return;
    }
    const isBundled = BUNDLED_FILES.get(saved.path) === saved.text;
    if (!openScenario(saved.text, saved.path, { seed: saved.seed, commands: saved.commands, isBundled }))
      return;
    if (isBundled) el.picker.value = saved.path;
    const diff = run === undefined ? 1 : firstDifference(saved.trace, run.trace);
    setStatus(
      diff === undefined
        ? `Replayed ${file.name}: the trace is identical (${saved.trace.length} records).`
        : `Replayed ${file.name}, but the trace differs from line ${diff} (another version of Flotilla?).`,
      diff === undefined ? 'info' : 'error',
    );
  });
}

function togglePresenter(): void {
  const on = document.body.classList.toggle('presenter');
  el.presenter.setAttribute('aria-pressed', String(on));
  drawn = undefined;
  showTime(viewTime);
  if (run !== undefined) {
    const r = run;
    renderMarkers(
      markersSvg,
      timelineMarkers(r.trace, new Set(r.commands.map((c) => c.at))),
      r.end,
      showTime,
    );
  }
}

function setSpeed(delta: number): void {
  const i = Math.min(el.speed.options.length - 1, Math.max(0, el.speed.selectedIndex + delta));
  el.speed.selectedIndex = i;
  player.speed = Number(el.speed.value);
  setStatus(`Speed ${el.speed.value}×`);
}

el.picker.addEventListener('change', () => {
  if (el.picker.selectedOptions[0]?.dataset['opened'] === 'true') return;
  if (el.picker.value.startsWith(COMPARE_PREFIX))
    return openComparison(el.picker.value.slice(COMPARE_PREFIX.length));
  openBundled(el.picker.value);
});
el.seed.addEventListener('change', () => {
  if (run === undefined) return;
  const seed = Number(el.seed.value);
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    setStatus('The seed is a whole number from 0 to 4294967295.', 'error');
    el.seed.value = String(run.seed);
    return;
  }
  // Pod names depend on the seed, so the commands (which name pods) start over.
  const had = run.commands.length;
  openScenario(run.text, run.path, { seed, commands: [], isBundled: bundled });
  setStatus(
    `Seed ${seed}${had > 0 ? ': your commands were cleared (pod names differ with another seed)' : ''}.`,
  );
});
el.file.addEventListener('change', () => {
  const file = el.file.files?.[0];
  el.file.value = '';
  if (file !== undefined) openOwnFile(file);
});
el.runFile.addEventListener('change', () => {
  const file = el.runFile.files?.[0];
  el.runFile.value = '';
  if (file !== undefined) loadRunFile(file);
});
el.share.addEventListener('click', () => {
  updateUrl();
  const url = location.href;
  // Without a clipboard (an http:// page, a refused permission), the link is shown to copy by hand.
  setStatus(`Copy this link: ${url}`);
  void navigator.clipboard?.writeText(url).then(
    () => setStatus(`Link copied: ${url}`),
    () => undefined,
  );
});
el.download.addEventListener('click', download);
el.exportScenario.addEventListener('click', exportScenario);
el.presenter.addEventListener('click', togglePresenter);
el.errorClose.addEventListener('click', () => {
  el.error.hidden = true;
  el.lab.hidden = run === undefined;
});

el.play.addEventListener('click', () => {
  if (run !== undefined && !player.playing && viewTime >= run.end) showTime(0);
  player.toggle();
});
el.step.addEventListener('click', () => {
  if (run === undefined) return;
  player.pause();
  showTime(nextEventTime(run, Math.round(viewTime)), true);
  updateUrl();
});
el.back.addEventListener('click', () => {
  if (run === undefined) return;
  player.pause();
  showTime(previousEventTime(run, Math.round(viewTime)));
  updateUrl();
});
el.speed.addEventListener('change', () => {
  player.speed = Number(el.speed.value);
});
el.scrubber.addEventListener('input', () => showTime(Number(el.scrubber.value)));
el.scrubber.addEventListener('change', updateUrl);

// Drag and drop of a file anywhere on the page: a saved run, or a scenario.
installDropZone(el.dropZone, (file) =>
  /\.ndjson$/i.test(file.name) ? loadRunFile(file) : openOwnFile(file),
);

document.addEventListener(
  'keydown',
  labKeys({
    playPause: () => (compare.active ? compare.keys.playPause() : el.play.click()),
    next: () => (compare.active ? compare.keys.next() : el.step.click()),
    previous: () => (compare.active ? compare.keys.previous() : el.back.click()),
    seekBy: (ms) => {
      if (compare.active) return compare.keys.seekBy(ms);
      player.pause();
      showTime(viewTime + ms);
      updateUrl();
    },
    start: () => (compare.active ? compare.keys.start() : showTime(0)),
    end: () => (compare.active ? compare.keys.end() : showTime(run?.end ?? 0)),
    faster: () => (compare.active ? compare.keys.faster() : setSpeed(1)),
    slower: () => (compare.active ? compare.keys.slower() : setSpeed(-1)),
    fullScreen: () => {
      if (document.fullscreenElement) void document.exitFullscreen();
      else void document.documentElement.requestFullscreen?.().catch(() => undefined);
    },
    presenter: togglePresenter,
    escape: () => {
      selection = undefined;
      showTime(viewTime);
    },
  }),
);
window.addEventListener('resize', () => {
  measureWidths();
  drawn = undefined;
  showTime(viewTime);
  if (run !== undefined) {
    const r = run;
    renderMarkers(
      markersSvg,
      timelineMarkers(r.trace, new Set(r.commands.map((c) => c.at))),
      r.end,
      showTime,
    );
  }
});

for (const panel of [el.panels.pods.parentElement, el.trafficPanel, el.charts])
  if (panel !== null) observer.observe(panel);
fillPicker();
openFromUrl();
