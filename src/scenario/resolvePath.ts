/**
 * Path arithmetic for `file:` references (relative to the scenario file), with forward slashes,
 * because the core may not import node:path (it also runs in the browser, on a virtual file tree).
 */

/** The directory part of a path: `scenarios/x.yaml` → `scenarios`, `x.yaml` → `.`. */
export function dirname(path: string): string {
  const p = path.replace(/\\/g, '/');
  const i = p.lastIndexOf('/');
  return i < 0 ? '.' : i === 0 ? '/' : p.slice(0, i);
}

/** `rel` resolved against the directory of `fromFile`, normalised (`a/./b/../c` → `a/c`). */
export function resolveRelative(fromFile: string, rel: string): string {
  const r = rel.replace(/\\/g, '/');
  const joined = r.startsWith('/') ? r : `${dirname(fromFile)}/${r}`;
  const absolute = joined.startsWith('/');
  const parts: string[] = [];
  for (const p of joined.split('/')) {
    if (p === '' || p === '.') continue;
    if (p === '..' && parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
    else if (p !== '..' || !absolute) parts.push(p);
  }
  const out = parts.join('/');
  return absolute ? `/${out}` : out === '' ? '.' : out;
}
