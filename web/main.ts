/**
 * The lab page: pick (or open, or drop) a scenario, run it, look at the cluster at any simulated
 * time, inspect and act on it, compare runs, and share the session. This file wires index.html's
 * controls and keys: labView.ts draws the viewed time, labOpen.ts opens runs and keeps the URL,
 * labFiles.ts saves, replays and shares; compareMode.ts is the comparison of several runs.
 */
import { config as zodConfig } from 'zod';
import { labKeys } from './keys';
import { download, exportScenario, loadRunFile, share } from './labFiles';
import {
  compare,
  fillPicker,
  openBundled,
  openComparison,
  openFromUrl,
  openOwnFile,
  openScenario,
  updateUrl,
} from './labOpen';
import { nextEventTime, previousEventTime } from './labRun';
import { lab } from './labState';
import { measureWidths, observePanels, player, redraw, setStatus, showTime } from './labView';
import { renderMarkers, timelineMarkers } from './markers';
import { el, markersSvg } from './pageElements';
import { installDropZone } from './pageFiles';
import { COMPARE_PREFIX } from './compareRuns';

// The page's Content-Security-Policy forbids eval; without this, zod probes `new Function` to
// compile fast parsers, and the browser reports the refused probe as an error.
zodConfig({ jitless: true });

function togglePresenter(): void {
  const on = document.body.classList.toggle('presenter');
  el.presenter.setAttribute('aria-pressed', String(on));
  redraw();
  if (lab.run !== undefined) {
    const r = lab.run;
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
  if (lab.run === undefined) return;
  const seed = Number(el.seed.value);
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    setStatus('The seed is a whole number from 0 to 4294967295.', 'error');
    el.seed.value = String(lab.run.seed);
    return;
  }
  // Pod names depend on the seed, so the commands (which name pods) start over.
  const had = lab.run.commands.length;
  openScenario(lab.run.text, lab.run.path, { seed, commands: [], isBundled: lab.bundled });
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
el.share.addEventListener('click', share);
el.download.addEventListener('click', download);
el.exportScenario.addEventListener('click', exportScenario);
el.presenter.addEventListener('click', togglePresenter);
el.errorClose.addEventListener('click', () => {
  el.error.hidden = true;
  el.lab.hidden = lab.run === undefined;
});

el.play.addEventListener('click', () => {
  if (lab.run !== undefined && !player.playing && lab.viewTime >= lab.run.end) showTime(0);
  player.toggle();
});
el.step.addEventListener('click', () => {
  if (lab.run === undefined) return;
  player.pause();
  showTime(nextEventTime(lab.run, Math.round(lab.viewTime)), true);
  updateUrl();
});
el.back.addEventListener('click', () => {
  if (lab.run === undefined) return;
  player.pause();
  showTime(previousEventTime(lab.run, Math.round(lab.viewTime)));
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
      showTime(lab.viewTime + ms);
      updateUrl();
    },
    start: () => (compare.active ? compare.keys.start() : showTime(0)),
    end: () => (compare.active ? compare.keys.end() : showTime(lab.run?.end ?? 0)),
    faster: () => (compare.active ? compare.keys.faster() : setSpeed(1)),
    slower: () => (compare.active ? compare.keys.slower() : setSpeed(-1)),
    fullScreen: () => {
      if (document.fullscreenElement) void document.exitFullscreen();
      else void document.documentElement.requestFullscreen?.().catch(() => undefined);
    },
    presenter: togglePresenter,
    escape: () => {
      lab.selection = undefined;
      showTime(lab.viewTime);
    },
  }),
);
window.addEventListener('resize', () => {
  measureWidths();
  redraw();
  if (lab.run !== undefined) {
    const r = lab.run;
    renderMarkers(
      markersSvg,
      timelineMarkers(r.trace, new Set(r.commands.map((c) => c.at))),
      r.end,
      showTime,
    );
  }
});

observePanels();
fillPicker();
openFromUrl();
