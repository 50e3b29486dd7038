/** Looks up an element of index.html by id, checking its type (a missing one is a bug in the page). */
export function byId<T extends HTMLElement>(id: string, type: new () => T): T {
  const el = document.getElementById(id);
  if (!(el instanceof type)) throw new Error(`index.html has no <${type.name}> with id "${id}"`);
  return el;
}
