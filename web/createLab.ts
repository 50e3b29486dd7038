/**
 * The lab page, made by one call: `createLab(document)` finds index.html's elements, starts the
 * store (labStore.ts), subscribes the views to it, turns the page's input into store events
 * (keys.ts, playbackView.ts, pageInput.ts; what runs the engine or reads a file goes to labOpen.ts
 * and labFiles.ts) and opens what the URL names. Nothing is made at import time; everything the
 * lab keeps is in the store or in the views this call makes.
 */
import { createActor } from 'xstate';
import { Memo } from '../src/model';
import { createCompareView } from './compareMode';
import { listenToKeys } from './keys';
import { labFiles } from './labFiles';
import { labOpener } from './labOpen';
import { labMachine, type LabSnapshot, type LabStore } from './labStore';
import { urlWriter } from './labUrl';
import { createLabView } from './labView';
import { motionAllowed } from './motion';
import { pageElements } from './pageElements';
import { wirePageInput } from './pageInput';
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
  wirePageInput(el, store, open, files);
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
