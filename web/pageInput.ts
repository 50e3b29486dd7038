/**
 * The page's controls outside the playback bars and the views: the scenario picker, the seed, the
 * file inputs and buttons, presenter mode, the error's Dismiss, the comparison's Close and the drop
 * zone. Each becomes a store event, or a command of labOpen.ts or labFiles.ts.
 */
import { COMPARE_PREFIX } from './compareRuns';
import type { LabFiles } from './labFiles';
import type { LabOpener } from './labOpen';
import type { LabStore } from './labStore';
import type { PageElements } from './pageElements';
import { installDropZone } from './pageFiles';

export function wirePageInput(el: PageElements, store: LabStore, open: LabOpener, files: LabFiles): void {
  el.picker.addEventListener('change', () => {
    // An opened file's entry is the run shown: choosing it again changes nothing.
    if (el.picker.selectedOptions[0]?.dataset['opened'] === 'true') return;
    if (el.picker.value.startsWith(COMPARE_PREFIX))
      return open.openComparison(el.picker.value.slice(COMPARE_PREFIX.length));
    open.openBundled(el.picker.value);
  });
  el.seed.addEventListener('change', () => {
    const { run } = store.getSnapshot().context.single;
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
  el.compare.close.addEventListener('click', () => {
    store.send({ type: 'closeComparison' });
    el.picker.focus();
  });
  // Drag and drop of a file anywhere on the page: a saved run, or a scenario.
  installDropZone(
    el.dropZone,
    (file) => void (/\.ndjson$/i.test(file.name) ? files.loadRunFile(file) : open.openOwnFile(file)),
  );
}
