/** One entry of the scenario's `expect:`, typed: its window in ms, selectors parsed. */
import { parseSelector } from '../model';
import { type BuildContext, ms } from './buildContext';
import { buildFlowSpec } from './flowExpectation';
import type { Expectation, ExpectationWindow } from './scenario';
import type { ExpectationFile } from './schema';

/** The expectation, or undefined (with the error recorded) when it has no window. */
export function buildExpectation(ctx: BuildContext, e: ExpectationFile, i: number): Expectation | undefined {
  let window: ExpectationWindow | undefined;
  if (e.at !== undefined && e.within !== undefined)
    ctx.errors.push(ctx.loc.keyError(['expect', i, 'within'], 'give either "at" or "within", not both'));
  else if (e.at !== undefined) window = { kind: 'at', at: ms(e.at) };
  else if (e.within !== undefined) window = { kind: 'within', within: ms(e.within) };
  else
    ctx.errors.push(
      ctx.loc.error(['expect', i], 'missing "at" or "within"', 'at: 5m (check then) or within: 5m (by then)'),
    );
  if (window === undefined) return undefined;
  const base = {
    window,
    index: i,
    source: ctx.loc.at(['expect', i]),
    ...(e.description === undefined ? {} : { description: e.description }),
  };
  if ('pods' in e) {
    const rc = e.restartCount;
    const range = rc === undefined ? undefined : typeof rc === 'number' ? { min: rc, max: rc } : rc;
    return {
      ...base,
      check: 'pods',
      selector: parseSelector(e.pods.selector),
      selectorText: e.pods.selector,
      namespace: e.pods.namespace ?? 'default',
      ...(e.count === undefined ? {} : { count: e.count }),
      ...(e.phase === undefined ? {} : { phase: e.phase }),
      ...(e.ready === undefined ? {} : { ready: e.ready }),
      ...(e.node === undefined ? {} : { node: e.node }),
      ...(range === undefined
        ? {}
        : {
            restartCount: {
              ...(range.min === undefined ? {} : { min: range.min }),
              ...(range.max === undefined ? {} : { max: range.max }),
            },
          }),
      ...(e.terminating === undefined ? {} : { terminating: e.terminating }),
    };
  }
  if ('flow' in e) return { ...base, check: 'flow', ...buildFlowSpec(e.flow) };
  if ('event' in e) {
    const ev = e.event;
    return {
      ...base,
      check: 'event',
      reason: ev.reason,
      ...(ev.object === undefined ? {} : { object: ev.object }),
      ...(ev.type === undefined ? {} : { type: ev.type }),
    };
  }
  const r = e.node.ready;
  return {
    ...base,
    check: 'node',
    node: e.node.name,
    ready: r === true ? 'True' : r === false ? 'False' : r,
  };
}
