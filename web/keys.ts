/**
 * The lab's keyboard, in one place: a key map per mode from a key to the store event it sends.
 * Space play/pause, ← → previous/next event (Shift: 10 s), Home/End, + and - speed, f full screen,
 * p presenter mode, and in the single run Esc clears the selection. Keys typed into a field, or
 * given to a focused control (Space, Enter, the arrows, Home/End), keep their usual meaning.
 */
import type { LabEvent, LabStore, Mode } from './labStore';

interface KeyBinding {
  event: LabEvent;
  /** The event with Shift held, when it differs. */
  shifted?: LabEvent;
  /** Taken even when a control (button, select, slider, pod) has the focus. */
  overControls?: boolean;
}

export type KeyMap = Readonly<Record<string, KeyBinding>>;

const PLAYBACK: KeyMap = {
  ' ': { event: { type: 'playPause' } },
  ArrowRight: { event: { type: 'next' }, shifted: { type: 'seekBy', ms: 10_000 } },
  ArrowLeft: { event: { type: 'previous' }, shifted: { type: 'seekBy', ms: -10_000 } },
  Home: { event: { type: 'seek', t: 0 } },
  // Clamped to the end of the run.
  End: { event: { type: 'seek', t: Number.POSITIVE_INFINITY } },
  '+': { event: { type: 'changeSpeed', by: 1 }, overControls: true },
  '=': { event: { type: 'changeSpeed', by: 1 }, overControls: true },
  '-': { event: { type: 'changeSpeed', by: -1 }, overControls: true },
  _: { event: { type: 'changeSpeed', by: -1 }, overControls: true },
  f: { event: { type: 'toggleFullScreen' }, overControls: true },
  F: { event: { type: 'toggleFullScreen' }, overControls: true },
  p: { event: { type: 'togglePresenter' }, overControls: true },
  P: { event: { type: 'togglePresenter' }, overControls: true },
};

/** The key maps of the two modes: the comparison has no selection to clear. */
export const KEY_MAPS: Readonly<Record<Mode, KeyMap>> = {
  single: { ...PLAYBACK, Escape: { event: { type: 'select', selection: undefined }, overControls: true } },
  compare: PLAYBACK,
};

/** The event a key press sends in `mode`, or undefined (the key keeps its usual meaning). */
export function keyEvent(
  mode: Mode,
  e: Pick<KeyboardEvent, 'key' | 'shiftKey'>,
  onControl: boolean,
): LabEvent | undefined {
  const binding = KEY_MAPS[mode][e.key];
  if (binding === undefined || (onControl && binding.overControls !== true)) return undefined;
  return (e.shiftKey ? binding.shifted : undefined) ?? binding.event;
}

/** Whether a key pressed on `target` is left to it: typed into a field. */
function typedIntoField(t: EventTarget | null): boolean {
  return t instanceof HTMLTextAreaElement || (t instanceof HTMLInputElement && t.type !== 'range');
}

/** A focused button, select, pod or slider keeps Space, Enter and the arrows. */
function isControl(t: EventTarget | null): boolean {
  return (
    t instanceof HTMLButtonElement ||
    t instanceof HTMLSelectElement ||
    t instanceof HTMLInputElement ||
    (t instanceof HTMLElement && t.getAttribute('role') === 'button')
  );
}

/** Sends the store the events of the keys pressed in `doc`; returns the function that stops it. */
export function listenToKeys(doc: Document, store: LabStore): () => void {
  const onKey = (e: KeyboardEvent) => {
    if (e.altKey || e.ctrlKey || e.metaKey || typedIntoField(e.target)) return;
    const event = keyEvent(store.getSnapshot().context.mode, e, isControl(e.target));
    if (event === undefined) return;
    e.preventDefault();
    store.send(event);
  };
  doc.addEventListener('keydown', onKey);
  return () => doc.removeEventListener('keydown', onKey);
}
