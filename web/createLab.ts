/**
 * The lab page, made by one call: `createLab(document)` finds index.html's elements, starts the
 * store (labStore.ts), subscribes the views to it, turns the page's input into store events (or,
 * for what runs the engine or reads a file, into labOpen.ts's and labFiles.ts's commands) and opens
 * what the URL names. Nothing is made at import time; everything the lab keeps is in the store or
 * in the views this call makes.
 */
import { createActor } from 'xstate';
import { Memo } from '../src/model/memo';
import { COMPARE_PREFIX } from './compareRuns';
import { createCompareView } from './compareMode';
import { listenToKeys } from './keys';
import { labFiles } from './labFiles';
import { labOpener } from './labOpen';
import { labMachine, type LabSnapshot, type LabStore } from './labStore';
import { urlWriter } from './labUrl';
import { createLabView } from './labView';
import { motionAllowed } from './motion';
import { pageElements } from './pageElements';
import { installDropZone } from './pageFiles';
import { createPageView, fillPicker } from './pageView';
import { menuSpeeds, wirePlayback } from './playbackView';

export interface Lab {
  store: LabStore;
  /** Stops the store and the views' observers (the page's listeners die with the page). */
  stop(): void;
}

export function createLab(doc: Document): Lab {
  const win = doc.defaultView;
  if (win === null) throw new Error('createLab needs a document in a window');
  const el = pageElements(doc);
  const store = createActor(
    labMachine.provide({ actions: { toggleFullScreen: () => toggleFullScreen(doc) } }),
    {
      input: {
        speeds: menuSpeeds(el.speed),
        speed: Number(el.speed.value),
        compareSpeed: Number(el.compare.speed.value),
      },
    },
  );
  const open = labOpener(store);
  const url = urlWriter(win);
  const files = labFiles(store, open, url, win);
  const memo = new Memo();
  const motion = motionAllowed(win);
  const ctx = () => store.getSnapshot().context;

  const page = createPageView({
    el,
    doc,
    seek: (t) => store.send({ type: 'seek', t, pause: true }),
    go: (t) => store.send({ type: 'seek', t }),
    removeCommand: (i) => {
      const { run, time } = ctx().single;
      if (run !== undefined)
        open.rerun(
          run.commands.filter((_, j) => j !== i),
          Math.round(time),
        );
    },
  });
  const lab = createLabView({
    el,
    memo,
    motionAllowed: motion,
    select: (selection) => store.send({ type: 'select', selection }),
    act: (request) => open.act(request),
  });
  const compare = createCompareView({
    el: el.compare,
    memo,
    motionAllowed: motion,
    select: (i, selection) => {
      const { comparison, time } = ctx().compare;
      const run = comparison?.runs[i];
      if (run !== undefined) open.openInLab(run.path, Math.min(Math.round(time), run.end), selection);
    },
  });

  let prev: LabSnapshot | undefined;
  const subscription = store.subscribe((s) => {
    page.render(s, prev);
    lab.render(s, prev);
    compare(s, prev);
    url.render(s);
    prev = s;
  });

  wirePlayback(el, store);
  wirePlayback(el.compare, store);
  el.compare.close.addEventListener('click', () => {
    store.send({ type: 'closeComparison' });
    el.picker.focus();
  });
  el.picker.addEventListener('change', () => {
    if (el.picker.selectedOptions[0]?.dataset['opened'] === 'true') return;
    if (el.picker.value.startsWith(COMPARE_PREFIX))
      return open.openComparison(el.picker.value.slice(COMPARE_PREFIX.length));
    open.openBundled(el.picker.value);
  });
  el.seed.addEventListener('change', () => {
    const { run } = ctx().single;
    if (run === undefined) return;
    const seed = Number(el.seed.value);
    if (Number.isInteger(seed) && seed >= 0 && seed <= 0xffffffff) return open.reseed(seed);
    store.send({ type: 'status', text: 'The seed is a whole number from 0 to 4294967295.', kind: 'error' });
    el.seed.value = String(run.seed);
  });
  const onFile = (input: HTMLInputElement, use: (file: File) => Promise<void>) =>
    input.addEventListener('change', () => {
      const file = input.files?.[0];
      input.value = '';
      if (file !== undefined) void use(file);
    });
  onFile(el.file, open.openOwnFile);
  onFile(el.runFile, files.loadRunFile);
  el.share.addEventListener('click', files.share);
  el.download.addEventListener('click', files.download);
  el.exportScenario.addEventListener('click', files.exportScenario);
  el.presenter.addEventListener('click', () => store.send({ type: 'togglePresenter' }));
  el.errorClose.addEventListener('click', () => store.send({ type: 'dismissError' }));
  // Drag and drop of a file anywhere on the page: a saved run, or a scenario.
  installDropZone(
    el.dropZone,
    (file) => void (/\.ndjson$/i.test(file.name) ? files.loadRunFile(file) : open.openOwnFile(file)),
  );
  const stopKeys = listenToKeys(doc, store);
  win.addEventListener('resize', () => {
    lab.measure();
    lab.redraw();
    page.markers(store.getSnapshot());
  });

  fillPicker(el.picker, doc);
  store.start();
  open.openFromUrl(win.location.hash);
  return {
    store,
    stop: () => {
      stopKeys();
      subscription.unsubscribe();
      lab.stop();
      store.stop();
    },
  };
}

function toggleFullScreen(doc: Document): void {
  if (doc.fullscreenElement) void doc.exitFullscreen();
  else void doc.documentElement.requestFullscreen?.().catch(() => undefined);
}
