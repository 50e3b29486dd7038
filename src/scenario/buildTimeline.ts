/** The scenario's `timeline:`, typed: times in ms, pod targets, applies loaded; sorted by time. */
import { parseSelector } from '../model';
import { type BuildContext, ms } from './buildContext';
import { parseDuration } from './duration';
import { loadFile, loadInline } from './loadApply';
import { buildSetBehaviourEntry } from './schemaBehaviour';
import type { PodTarget, TimelineEntry } from './scenario';
import type { TimelineEntryFile } from './schema';

/** The entries in time order; entries at the same time stay in file order. */
export function buildTimeline(ctx: BuildContext, entries: readonly TimelineEntryFile[]): TimelineEntry[] {
  return stableSortByAt(entries.map((e, i) => buildEntry(ctx, e, i)));
}

function target(
  ctx: BuildContext,
  e: { pod?: string | undefined; selector?: string | undefined },
  i: number,
): PodTarget {
  if (e.pod !== undefined && e.selector !== undefined)
    ctx.errors.push(
      ctx.loc.keyError(['timeline', i, 'selector'], 'give either "pod" or "selector", not both'),
    );
  if (e.pod !== undefined) return { by: 'name', name: e.pod };
  if (e.selector !== undefined)
    return { by: 'selector', selector: parseSelector(e.selector), text: e.selector };
  ctx.errors.push(
    ctx.loc.error(['timeline', i], 'missing "pod" or "selector"', 'pod: <name> or selector: app=<label>'),
  );
  return { by: 'name', name: '' };
}

function buildEntry(ctx: BuildContext, e: TimelineEntryFile, i: number): TimelineEntry {
  const base = {
    at: ms(e.at),
    index: i,
    source: ctx.loc.at(['timeline', i]),
    ...(e.say === undefined ? {} : { say: e.say }),
  };
  const ns = (x: { namespace?: string | undefined }) => x.namespace ?? 'default';
  switch (e.action) {
    case undefined:
    case 'say':
      return { ...base, action: 'say', say: e.say };
    case 'crashContainer':
      return {
        ...base,
        action: e.action,
        namespace: ns(e),
        target: target(ctx, e, i),
        exitCode: e.exitCode ?? 1,
        ...(e.container === undefined ? {} : { container: e.container }),
        ...(e.crashLoop === undefined ? {} : { crashLoop: parseDuration(String(e.crashLoop)) }),
      };
    case 'deletePod':
      return { ...base, action: e.action, namespace: ns(e), target: target(ctx, e, i) };
    case 'setBehaviour':
      return buildSetBehaviourEntry(e, base, ns(e), target(ctx, e, i), (f, m, x) =>
        ctx.errors.push(ctx.loc.keyError(['timeline', i, f], m, x)),
      );
    case 'scale':
      if (e.service !== undefined) {
        if (e.deployment !== undefined)
          ctx.errors.push(
            ctx.loc.keyError(['timeline', i, 'service'], 'give either "deployment" or "service", not both'),
          );
        return { ...base, action: e.action, service: e.service, replicas: e.replicas };
      }
      if (e.deployment === undefined)
        ctx.errors.push(ctx.loc.error(['timeline', i], 'missing "deployment" (or, under swarm, "service")'));
      return {
        ...base,
        action: e.action,
        namespace: ns(e),
        deployment: e.deployment ?? '',
        replicas: e.replicas,
      };
    case 'updateService':
      return { ...base, action: e.action, service: e.service, image: e.image };
    case 'apply': {
      if ((e.object === undefined) === (e.file === undefined)) {
        ctx.errors.push(
          ctx.loc.error(['timeline', i], 'an apply entry needs exactly one of "object" or "file"'),
        );
        return { ...base, action: 'apply', objects: [], ignored: [] };
      }
      const r =
        e.object !== undefined
          ? loadInline(ctx, e.object, ['timeline', i, 'object'])
          : loadFile(ctx, e.file ?? '', ['timeline', i, 'file']);
      return { ...base, action: 'apply', objects: r.objects, ignored: r.ignored };
    }
    default:
      return { ...base, action: e.action, node: e.node };
  }
}

function stableSortByAt(entries: TimelineEntry[]): TimelineEntry[] {
  return entries
    .map((e, i) => [e, i] as const)
    .sort((a, b) => a[0].at - b[0].at || a[1] - b[1])
    .map(([e]) => e);
}
