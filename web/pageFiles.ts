/** Files in and out of the page: saving a text as a download, and a drop zone for files. */

/** Offers `content` as a download named `name`. */
export function saveFile(content: string, type: string, name: string): void {
  const blob = new Blob([content], { type });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}

/** Shows `zone` while files are dragged over the page, and hands a dropped file to `onFile`. */
export function installDropZone(zone: HTMLElement, onFile: (file: File) => void): void {
  let depth = 0;
  document.addEventListener('dragenter', (e) => {
    if (!e.dataTransfer?.types.includes('Files')) return;
    depth += 1;
    zone.hidden = false;
  });
  document.addEventListener('dragleave', () => {
    depth = Math.max(0, depth - 1);
    if (depth === 0) zone.hidden = true;
  });
  document.addEventListener('dragover', (e) => e.preventDefault());
  document.addEventListener('drop', (e) => {
    e.preventDefault();
    depth = 0;
    zone.hidden = true;
    const file = e.dataTransfer?.files[0];
    if (file !== undefined) onFile(file);
  });
}
