/**
 * Writes that skip unchanged values. d3's `.text()` and `.attr()` always write, and a write of the
 * same text replaces the text node: the browser then lays out every card again, which costs a frame
 * with hundreds of pods. These write only what changed.
 */
import type { BaseType, Selection } from 'd3';

export function setText<E extends BaseType, D>(
  sel: Selection<E, D, BaseType, unknown>,
  value: (d: D) => string,
): void {
  sel.each(function (d) {
    const el = this as unknown as Node;
    const v = value(d);
    if (el.textContent !== v) el.textContent = v;
  });
}

export function setAttr<E extends BaseType, D>(
  sel: Selection<E, D, BaseType, unknown>,
  name: string,
  value: (d: D) => string,
): void {
  sel.each(function (d) {
    const el = this as unknown as Element;
    const v = value(d);
    if (el.getAttribute(name) !== v) el.setAttribute(name, v);
  });
}
