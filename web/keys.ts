/**
 * The lab's keyboard: Space play/pause, ← → previous/next event (Shift: 10 s), Home/End, + and -
 * speed, f full screen, p presenter mode, Esc clears the selection. Keys typed into a field, or
 * given to a focused button (Space, Enter), keep their usual meaning.
 */
export interface LabKeyActions {
  playPause(): void;
  next(): void;
  previous(): void;
  seekBy(ms: number): void;
  start(): void;
  end(): void;
  faster(): void;
  slower(): void;
  fullScreen(): void;
  presenter(): void;
  escape(): void;
}

/** Which action a key press means, or undefined. Exported for the unit tests. */
export function keyAction(
  e: Pick<KeyboardEvent, 'key' | 'shiftKey'>,
  a: LabKeyActions,
  onControl: boolean,
): (() => void) | undefined {
  switch (e.key) {
    case ' ':
      return onControl ? undefined : a.playPause;
    case 'ArrowRight':
      return onControl ? undefined : e.shiftKey ? () => a.seekBy(10_000) : a.next;
    case 'ArrowLeft':
      return onControl ? undefined : e.shiftKey ? () => a.seekBy(-10_000) : a.previous;
    case 'Home':
      return onControl ? undefined : a.start;
    case 'End':
      return onControl ? undefined : a.end;
    case '+':
    case '=':
      return a.faster;
    case '-':
    case '_':
      return a.slower;
    case 'f':
    case 'F':
      return a.fullScreen;
    case 'p':
    case 'P':
      return a.presenter;
    case 'Escape':
      return a.escape;
    default:
      return undefined;
  }
}

/** A keydown listener for the document. */
export function labKeys(a: LabKeyActions): (e: KeyboardEvent) => void {
  return (e) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const t = e.target;
    if (t instanceof HTMLTextAreaElement || (t instanceof HTMLInputElement && t.type !== 'range')) return;
    // A focused button, select, pod or slider keeps Space, Enter and the arrows.
    const onControl =
      t instanceof HTMLButtonElement ||
      t instanceof HTMLSelectElement ||
      t instanceof HTMLInputElement ||
      (t instanceof HTMLElement && t.getAttribute('role') === 'button');
    const action = keyAction(e, a, onControl);
    if (action === undefined) return;
    e.preventDefault();
    action();
  };
}
