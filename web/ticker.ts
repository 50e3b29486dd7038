/**
 * Real-time playback, kept out of the deterministic core: while the lab plays, this actor (invoked
 * by the store's `playing` state) turns each animation frame into a `tick` of the wall-clock
 * milliseconds since the previous frame; the store multiplies them by the speed. Stopping it (the
 * store leaves `playing`) cancels the next frame.
 */
import { fromCallback } from 'xstate';

/** Longest frame gap counted (a background tab must not jump minutes ahead when it comes back). */
const MAX_FRAME_MS = 250;

export const animationTicker = fromCallback(({ sendBack }) => {
  let last: number | undefined;
  let frame = requestAnimationFrame(function tick(ts: number) {
    // The first frame only starts the clock.
    const ms = last === undefined ? 0 : Math.min(MAX_FRAME_MS, ts - last);
    last = ts;
    frame = requestAnimationFrame(tick);
    sendBack({ type: 'tick', ms });
  });
  return () => cancelAnimationFrame(frame);
});
