/**
 * The lab's files and links: download the run (NDJSON) or the scenario with the user's commands,
 * replay a downloaded run (checking its trace line by line), and share the session's link.
 */
import { lab } from './labState';
import { openScenario, showError, updateUrl } from './labOpen';
import { setStatus } from './labView';
import { el } from './pageElements';
import { saveFile } from './pageFiles';
import { decodeRunFile, encodeRunFile, firstDifference } from './runFile';
import { BUNDLED_FILES } from './scenarioFiles';
import { scenarioWithCommands } from './scenarioExport';

export function download(): void {
  if (lab.run === undefined) return;
  saveFile(
    encodeRunFile(lab.run, lab.run.trace),
    'application/x-ndjson',
    `${lab.run.scenario.name}-seed${lab.run.seed}.ndjson`,
  );
}

export function exportScenario(): void {
  if (lab.run === undefined) return;
  const name = `${lab.run.scenario.name}-lab.yaml`;
  saveFile(scenarioWithCommands(lab.run.text, lab.run.seed, lab.run.commands), 'text/yaml', name);
  setStatus(`Saved ${name}: put it in scenarios/ and run it with npx flotilla run scenarios/${name}`);
}

export function loadRunFile(file: File): void {
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
    const diff = lab.run === undefined ? 1 : firstDifference(saved.trace, lab.run.trace);
    setStatus(
      diff === undefined
        ? `Replayed ${file.name}: the trace is identical (${saved.trace.length} records).`
        : `Replayed ${file.name}, but the trace differs from line ${diff} (another version of Flotilla?).`,
      diff === undefined ? 'info' : 'error',
    );
  });
}

/** Copies the session's link (shown to copy by hand when there is no clipboard). */
export function share(): void {
  updateUrl();
  const url = location.href;
  // Without a clipboard (an http:// page, a refused permission), the link is shown to copy by hand.
  setStatus(`Copy this link: ${url}`);
  void navigator.clipboard?.writeText(url).then(
    () => setStatus(`Link copied: ${url}`),
    () => undefined,
  );
}
