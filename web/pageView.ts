/**
 * The page around the views: which mode is shown, the document's title, the scenario picker and
 * seed, the run's heading, its commands and timeline markers, the status line, the error notice
 * and presenter mode. Drawn from the store's snapshots; what changes every frame (the time) is
 * left to the playback bar and the views.
 */
import { renderCommandList } from './commandsView';
import { COMPARE_PREFIX, comparableFolders } from './compareRuns';
import { scenarioLabel } from './labRun';
import type { LabContext, LabSnapshot } from './labStore';
import { renderMarkers, timelineMarkers } from './markers';
import type { PageElements } from './pageElements';
import { BUNDLED_FILES, SCENARIO_PATHS, scenarioGroup } from './scenarioFiles';

export interface PageViewInput {
  el: PageElements;
  doc: Document;
  /** A marker was clicked. */
  seek(t: number): void;
  /** A command's time was clicked. */
  go(t: number): void;
  /** A command's ✕ was clicked. */
  removeCommand(index: number): void;
}

/**
 * The picker lists every scenario by its title (by file name when it has errors); the scenarios of
 * a sub-folder are grouped under its name, with an entry that compares them side by side.
 */
export function fillPicker(picker: HTMLSelectElement, doc: Document): void {
  const groups = new Map<string, HTMLOptGroupElement>();
  for (const path of SCENARIO_PATHS) {
    const option = doc.createElement('option');
    option.value = path;
    option.textContent = scenarioLabel(BUNDLED_FILES.get(path) ?? '', path);
    const group = scenarioGroup(path);
    if (group === '') {
      picker.append(option);
      continue;
    }
    let optgroup = groups.get(group);
    if (optgroup === undefined) {
      optgroup = doc.createElement('optgroup');
      optgroup.label = group;
      groups.set(group, optgroup);
      picker.append(optgroup);
    }
    optgroup.append(option);
  }
  // A folder of scenarios (the course's compose-vs-swarm-vs-kubernetes/) can be compared.
  for (const [folder, paths] of comparableFolders()) {
    const option = doc.createElement('option');
    option.value = `${COMPARE_PREFIX}${folder}`;
    option.textContent = `⇆ Compare these ${paths.length} side by side`;
    groups.get(folder)?.append(option);
  }
}

/** The picker's entry for what is shown: the comparison, the run's scenario, or the user's file. */
function renderPicker(picker: HTMLSelectElement, doc: Document, ctx: LabContext): void {
  const { run, bundled } = ctx.single;
  let opened = picker.querySelector<HTMLOptionElement>('option[data-opened]');
  if (ctx.mode === 'single' && run !== undefined && !bundled) {
    if (opened === null) {
      opened = doc.createElement('option');
      opened.dataset['opened'] = 'true';
      picker.prepend(opened);
    }
    opened.value = run.path;
    opened.textContent = `${run.path.replace(/^.*\//, '')} (opened file)`;
  } else opened?.remove();
  const value =
    ctx.mode === 'compare' && ctx.compare.comparison !== undefined
      ? `${COMPARE_PREFIX}${ctx.compare.comparison.folder}`
      : run?.path;
  if (value !== undefined && picker.value !== value) picker.value = value;
}

export function createPageView({ el, doc, seek, go, removeCommand }: PageViewInput) {
  const markers = (ctx: LabContext) => {
    const r = ctx.single.run;
    if (r === undefined || ctx.mode !== 'single') return;
    renderMarkers(el.markers, timelineMarkers(r.trace, new Set(r.commands.map((c) => c.at))), r.end, seek);
  };

  function render(s: LabSnapshot, prev: LabSnapshot | undefined): void {
    const c = s.context;
    const p = prev?.context;
    const run = c.single.run;
    const modeChanged = c.mode !== p?.mode;
    const runChanged = run !== p?.single.run;
    if (modeChanged) {
      doc.body.classList.toggle('comparing', c.mode === 'compare');
      el.compare.section.hidden = c.mode !== 'compare';
    }
    if (el.lab.hidden !== (run === undefined)) el.lab.hidden = run === undefined;
    const comparisonChanged = c.compare.comparison !== p?.compare.comparison;
    if (modeChanged || runChanged || comparisonChanged) {
      const title =
        c.mode === 'compare'
          ? `compare ${c.compare.comparison?.folder ?? ''}`
          : run !== undefined
            ? (run.scenario.title ?? run.scenario.name)
            : undefined;
      if (title !== undefined) doc.title = `Flotilla · ${title}`;
    }
    // (After a failure too: the picker goes back to what is shown.)
    if (modeChanged || runChanged || comparisonChanged || c.error !== p?.error)
      renderPicker(el.picker, doc, c);
    if (run !== undefined && runChanged) {
      const { scenario } = run;
      el.title.textContent = scenario.title ?? scenario.name;
      el.description.textContent = scenario.description ?? '';
      el.warnings.hidden = c.single.warnings === '';
      el.warnings.textContent = c.single.warnings;
      el.seed.value = String(run.seed);
      renderCommandList(el.commands, el.commandsEmpty, run.commands, scenario.orchestrator, {
        go,
        remove: removeCommand,
      });
    }
    if (c.presenter !== p?.presenter) {
      doc.body.classList.toggle('presenter', c.presenter);
      el.presenter.setAttribute('aria-pressed', String(c.presenter));
    }
    // The markers are laid out across the scrubber: again when the run or the layout changes.
    if (runChanged || c.presenter !== p?.presenter || (modeChanged && c.mode === 'single')) markers(c);
    if (c.status !== p?.status) {
      el.status.hidden = c.status === undefined;
      el.status.textContent = c.status?.text ?? '';
      el.status.className = `status status-${c.status?.kind ?? 'info'}`;
    }
    if (c.error !== p?.error) {
      el.error.hidden = c.error === undefined;
      if (c.error !== undefined) {
        el.errorHeading.textContent = c.error.heading;
        el.errorText.textContent = c.error.text;
        // With a run on screen, it stays as it was: the error only says why the file was not opened.
        el.error.scrollIntoView({ block: 'nearest' });
      }
    }
  }

  return { render, markers: (s: LabSnapshot) => markers(s.context) };
}
