/**
 * A playback bar (the lab's and the comparison's are alike): Play/Pause, Back, Step, the speed,
 * the clock and the scrubber. `renderPlayback` shows a moment of the store; `wirePlayback` turns
 * the bar's input into store events.
 */
import { formatClock } from './formatClock';
import type { LabStore } from './labStore';
import type { PlaybackControls } from './pageElements';

export interface PlaybackState {
  time: number;
  end: number;
  speed: number;
  playing: boolean;
}

/** Shows `p` on the bar; unchanged text is not written again (each write would lay the page out). */
export function renderPlayback(bar: PlaybackControls, p: PlaybackState): void {
  const at = Math.round(p.time);
  const clock = formatClock(at);
  if (bar.clock.textContent !== clock) {
    bar.clock.textContent = clock;
    bar.scrubber.setAttribute('aria-valuetext', clock);
  }
  const end = String(p.end);
  if (bar.scrubber.max !== end) {
    bar.scrubber.max = end;
    bar.duration.textContent = `/ ${formatClock(p.end)}`;
  }
  if (bar.scrubber.value !== String(at)) bar.scrubber.value = String(at);
  const label = p.playing ? '❚❚ Pause' : '▶ Play';
  if (bar.play.textContent !== label) {
    bar.play.textContent = label;
    bar.play.setAttribute('aria-pressed', String(p.playing));
  }
  if (Number(bar.speed.value) !== p.speed) bar.speed.value = String(p.speed);
}

/** Sends the bar's clicks, speed choices and drags to the store. */
export function wirePlayback(bar: PlaybackControls, store: LabStore): void {
  bar.play.addEventListener('click', () => store.send({ type: 'playPause' }));
  bar.step.addEventListener('click', () => store.send({ type: 'next' }));
  bar.back.addEventListener('click', () => store.send({ type: 'previous' }));
  bar.speed.addEventListener('change', () =>
    store.send({ type: 'setSpeed', speed: Number(bar.speed.value) }),
  );
  bar.scrubber.addEventListener('input', () => store.send({ type: 'scrub', t: Number(bar.scrubber.value) }));
  bar.scrubber.addEventListener('change', () => store.send({ type: 'scrubbed' }));
}

/** The speeds a speed menu offers, slowest first. */
export function menuSpeeds(menu: HTMLSelectElement): number[] {
  return [...menu.options].map((o) => Number(o.value));
}
