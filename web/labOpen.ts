/**
 * Opening runs: a bundled scenario, the user's own file, a link, or a comparison of a folder's
 * scenarios; a user's command reruns the scenario with the command in its timeline. The session
 * (scenario, seed, time, commands) is the URL hash, kept up to date here.
 */
import { renderCommandList } from './commandsView';
import { COMPARE_PREFIX, comparableFolders } from './compareRuns';
import { CompareMode } from './compareMode';
import { formatClock } from './formatClock';
import type { CommandRequest } from './inspectorView';
import { prepareRun, refusal, scenarioLabel } from './labRun';
import { hooks, lab } from './labState';
import { forgetDrawn, measureWidths, player, redraw, select, setStatus, showTime, widths } from './labView';
import { renderMarkers, timelineMarkers } from './markers';
import { el, markersSvg } from './pageElements';
import { BUNDLED_FILES, DEFAULT_SCENARIO, SCENARIO_PATHS, scenarioGroup } from './scenarioFiles';
import { decodeSession, describeCommand, encodeSession, type LabCommand } from './session';
import { stateAt } from './snapshots';

export function updateUrl(): void {
  if (compare.active) return compare.updateUrl();
  if (lab.run === undefined) return;
  if (!lab.bundled) {
    history.replaceState(null, '', location.pathname + location.search);
    return;
  }
  const name = lab.run.path.replace(/^scenarios\/|\.ya?ml$/g, '');
  const seed = lab.run.seed === lab.run.scenario.seed ? undefined : lab.run.seed;
  const hash = encodeSession({
    scenario: name,
    ...(seed === undefined ? {} : { seed }),
    t: Math.round(lab.viewTime),
    commands: [...lab.run.commands],
  });
  history.replaceState(null, '', `#${hash}`);
}

export function showError(heading: string, text: string): void {
  el.error.hidden = false;
  el.errorHeading.textContent = heading;
  el.errorText.textContent = text;
  // With a run on screen, it stays as it was: the error only says why the file was not opened.
  el.lab.hidden = lab.run === undefined;
  el.error.scrollIntoView({ block: 'nearest' });
}

export interface OpenChoice {
  seed?: number;
  commands?: readonly LabCommand[];
  t?: number;
  isBundled: boolean;
}

/** Loads and runs a scenario's text; on success it replaces the current run, otherwise nothing changes. */
export function openScenario(text: string, path: string, choice: OpenChoice): boolean {
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
  const keepSelection = lab.run !== undefined && lab.run.path === path;
  lab.run = result.run;
  lab.bundled = choice.isBundled;
  forgetDrawn();
  if (!keepSelection) lab.selection = undefined;
  const { scenario } = lab.run;
  el.error.hidden = true;
  el.lab.hidden = false;
  el.title.textContent = scenario.title ?? scenario.name;
  el.description.textContent = scenario.description ?? '';
  el.warnings.hidden = result.warnings === '';
  el.warnings.textContent = result.warnings;
  document.title = `Flotilla · ${scenario.title ?? scenario.name}`;
  el.seed.value = String(lab.run.seed);
  el.scrubber.max = String(lab.run.end);
  el.duration.textContent = `/ ${formatClock(lab.run.end)}`;
  if (!keepSelection) {
    el.cluster.replaceChildren();
    el.checks.replaceChildren();
  }
  renderCommands();
  measureWidths();
  const commandTimes = new Set(lab.run.commands.map((c) => c.at));
  const r = lab.run;
  renderMarkers(markersSvg, timelineMarkers(r.trace, commandTimes), r.end, (t) => {
    player.pause();
    showTime(t);
    updateUrl();
  });
  showTime(choice.t ?? 0);
  // A panel shown for the first time by that draw has a width only now.
  const before = { ...widths };
  measureWidths();
  if (before.traffic !== widths.traffic || before.charts !== widths.charts) redraw();
  updateUrl();
  return true;
}

export function rerun(commands: readonly LabCommand[], t: number): boolean {
  if (lab.run === undefined) return false;
  return openScenario(lab.run.text, lab.run.path, {
    seed: lab.run.seed,
    commands,
    t,
    isBundled: lab.bundled,
  });
}

/** A user's command: refused with the engine's message, or added to the run, which is rerun. */
export function act(request: CommandRequest): void {
  if (lab.run === undefined) return;
  const at = Math.round(lab.viewTime);
  const command = { ...request, at } as LabCommand;
  const why = refusal(stateAt(lab.run.snapshots, at), command);
  if (why !== undefined) {
    setStatus(`Refused: ${why}`, 'error');
    return;
  }
  if (rerun([...lab.run.commands, command], at))
    setStatus(`At ${formatClock(at)}: ${describeCommand(command, lab.run.scenario.orchestrator)}.`);
}

export function renderCommands(): void {
  if (lab.run === undefined) return;
  const r = lab.run;
  renderCommandList(el.commands, el.commandsEmpty, r.commands, r.scenario.orchestrator, {
    go: (t) => showTime(t),
    remove: (i) =>
      rerun(
        r.commands.filter((_, j) => j !== i),
        Math.round(lab.viewTime),
      ),
  });
}

/** The lab's run goes on behind the comparison, and comes back when it is closed. */
export const compare = new CompareMode({
  openInLab: (path, t, s) => {
    openBundled(path, { t });
    select(s);
    updateUrl();
  },
  closed: () => {
    if (lab.run === undefined) return;
    el.picker.value = lab.run.path;
    document.title = `Flotilla · ${lab.run.scenario.title ?? lab.run.scenario.name}`;
    measureWidths();
    redraw();
    updateUrl();
    el.picker.focus();
  },
  error: showError,
});

export function openComparison(folder: string, t = 0): void {
  player.pause();
  if (compare.open(folder, t)) el.picker.value = `${COMPARE_PREFIX}${folder}`;
  else if (lab.run !== undefined) el.picker.value = lab.run.path;
}

export function openBundled(path: string, choice: Omit<OpenChoice, 'isBundled'> = {}): void {
  const text = BUNDLED_FILES.get(path);
  if (text === undefined) return showError('Not found', `${path} is not one of the bundled scenarios`);
  el.picker.value = path;
  openScenario(text, path, { ...choice, isBundled: true });
}

/** Opens a file of the user's: placed beside the bundled scenarios, so `file:` includes resolve. */
export function openOwnFile(file: File): void {
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
export function fillPicker(): void {
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

export function openFromUrl(): void {
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

hooks.updateUrl = updateUrl;
hooks.act = act;
