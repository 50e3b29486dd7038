/**
 * The lab's files and links: download the run (NDJSON) or the scenario with the user's commands,
 * replay a downloaded run (checking its trace line by line), and share the session's link.
 */
import type { LabOpener } from './labOpen';
import type { LabStore } from './labStore';
import type { UrlWriter } from './labUrl';
import { saveFile } from './pageFiles';
import { decodeRunFile, encodeRunFile, firstDifference } from './runFile';
import { BUNDLED_FILES } from './scenarioFiles';
import { scenarioWithCommands } from './scenarioExport';

export type LabFiles = ReturnType<typeof labFiles>;

export function labFiles(store: LabStore, open: LabOpener, url: UrlWriter, win: Window) {
  const run = () => store.getSnapshot().context.single.run;
  const status = (text: string, kind: 'info' | 'error' = 'info') =>
    store.send({ type: 'status', text, kind });
  return {
    download(): void {
      const r = run();
      if (r === undefined) return;
      saveFile(encodeRunFile(r, r.trace), 'application/x-ndjson', `${r.scenario.name}-seed${r.seed}.ndjson`);
    },

    exportScenario(): void {
      const r = run();
      if (r === undefined) return;
      const name = `${r.scenario.name}-lab.yaml`;
      saveFile(scenarioWithCommands(r.text, r.seed, r.commands), 'text/yaml', name);
      status(`Saved ${name}: put it in scenarios/ and run it with npx flotilla run scenarios/${name}`);
    },

    async loadRunFile(file: File): Promise<void> {
      const text = await file.text();
      let saved;
      try {
        saved = decodeRunFile(text);
      } catch (e) {
        const why = e instanceof Error ? e.message : String(e);
        store.send({ type: 'failed', heading: `${file.name} is not a saved run`, text: why });
        return;
      }
      const isBundled = BUNDLED_FILES.get(saved.path) === saved.text;
      if (
        !open.openScenario(saved.text, saved.path, { seed: saved.seed, commands: saved.commands, isBundled })
      )
        return;
      const r = run();
      const diff = r === undefined ? 1 : firstDifference(saved.trace, r.trace);
      status(
        diff === undefined
          ? `Replayed ${file.name}: the trace is identical (${saved.trace.length} records).`
          : `Replayed ${file.name}, but the trace differs from line ${diff} (another version of Flotilla?).`,
        diff === undefined ? 'info' : 'error',
      );
    },

    /** Copies the session's link (shown to copy by hand when there is no clipboard). */
    share(): void {
      url.flush(store.getSnapshot());
      const link = win.location.href;
      // Without a clipboard (an http:// page, a refused permission), the link is shown to copy by hand.
      status(`Copy this link: ${link}`);
      void win.navigator.clipboard?.writeText(link).then(
        () => status(`Link copied: ${link}`),
        () => undefined,
      );
    },
  };
}
