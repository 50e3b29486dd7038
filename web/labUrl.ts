/**
 * The URL hash is the session (session.ts): the bundled scenario, its seed when not the scenario's
 * own, the viewed time and the user's commands; or the comparison and its time. It follows the
 * store whenever the time is at rest (not while playing or while the scrubber is dragged, which
 * would write it every frame), so a link copied at any moment reopens that moment.
 */
import { COMPARE_PREFIX } from './compareRuns';
import { isPlaying, type LabContext, type LabSnapshot } from './labStore';
import { encodeSession } from './session';

/**
 * The hash (without `#`) that names what `ctx` shows; '' for a run of the user's own file (a link
 * cannot carry it); undefined when there is nothing to name yet.
 */
export function sessionHash(ctx: LabContext): string | undefined {
  if (ctx.mode === 'compare') {
    const c = ctx.compare.comparison;
    if (c === undefined) return undefined;
    return encodeSession({
      scenario: `${COMPARE_PREFIX}${c.folder}`,
      t: Math.round(ctx.compare.time),
      commands: [],
    });
  }
  const { run, bundled, time } = ctx.single;
  if (run === undefined) return undefined;
  if (!bundled) return '';
  const seed = run.seed === run.scenario.seed ? undefined : run.seed;
  return encodeSession({
    scenario: run.path.replace(/^scenarios\/|\.ya?ml$/g, ''),
    ...(seed === undefined ? {} : { seed }),
    t: Math.round(time),
    commands: [...run.commands],
  });
}

export interface UrlWriter {
  /** Writes the hash of `snapshot` if it is at rest and the hash changed. */
  render(snapshot: LabSnapshot): void;
  /** Writes the hash of `snapshot` now, at rest or not (Share). */
  flush(snapshot: LabSnapshot): void;
}

/** Keeps `win`'s URL (replaced, not pushed: moving in time is not navigating). */
export function urlWriter(win: Window): UrlWriter {
  let written: string | undefined;
  const write = (s: LabSnapshot) => {
    const hash = sessionHash(s.context);
    if (hash === undefined || hash === written) return;
    written = hash;
    const { pathname, search } = win.location;
    win.history.replaceState(null, '', hash === '' ? pathname + search : `#${hash}`);
  };
  return {
    render: (s) => {
      if (!isPlaying(s) && !s.context.scrubbing) write(s);
    },
    flush: write,
  };
}
