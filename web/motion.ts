/**
 * Whether the lab animates: not when the person asked the system for reduced motion.
 *
 * d3's package is marked free of side effects, so a bundle that uses `selection.transition()`
 * without importing any of d3-transition's exports loses the module that installs that method;
 * referencing `transition` here keeps it.
 */
import { transition } from 'd3';

/** A question asked every frame: the media query is made once, by the lab that asks. */
export function motionAllowed(win: Window): () => boolean {
  const reduced = win.matchMedia('(prefers-reduced-motion: reduce)');
  return () => typeof transition === 'function' && !reduced.matches;
}
