/** Looks up an element of index.html by id, checking its type (a missing one is a bug in the page). */
export function byId<T extends HTMLElement>(doc: Document, id: string, type: new () => T): T {
  const el = doc.getElementById(id);
  if (!(el instanceof type)) throw new Error(`index.html has no <${type.name}> with id "${id}"`);
  return el;
}

/** Looks up an `<svg>` of index.html by id. */
export function svgById(doc: Document, id: string): SVGSVGElement {
  const el = doc.getElementById(id);
  if (!(el instanceof SVGSVGElement)) throw new Error(`index.html has no <svg> with id "${id}"`);
  return el;
}
