/**
 * Whether the lab animates: not when the person asked the system for reduced motion.
 *
 * d3's package is marked free of side effects, so a bundle that uses `selection.transition()`
 * without importing any of d3-transition's exports loses the module that installs that method;
 * referencing `transition` here keeps it.
 */
import { transition } from 'd3';

const reduced =
  typeof window === 'undefined' ? undefined : window.matchMedia('(prefers-reduced-motion: reduce)');

export function motionAllowed(): boolean {
  return typeof transition === 'function' && reduced?.matches !== true;
}
