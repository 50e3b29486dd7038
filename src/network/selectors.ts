/**
 * Compiled label selectors: NetworkPolicy and traffic evaluation test the same selector against
 * many label sets, so each selector object is compiled once (memoised by identity; state objects
 * are frozen, so identity means content).
 */
import { type Labels, type LabelSelector, selectorMatches } from '../model';

const compiled = new WeakMap<LabelSelector, (labels: Labels) => boolean>();

/**
 * A predicate for `selector` as metav1.LabelSelector semantics have it: `{}` selects everything.
 * (A NetworkPolicy's podSelector `{}` selects every pod of its namespace.)
 */
export function labelSelector(selector: LabelSelector): (labels: Labels) => boolean {
  let f = compiled.get(selector);
  if (f === undefined) {
    f = (labels: Labels) => selectorMatches(selector, labels);
    compiled.set(selector, f);
  }
  return f;
}
