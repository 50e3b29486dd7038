/**
 * Timeline actions on Docker hosts. The scenario loader admits only what exists under Compose:
 * narration, crashContainer and setBehaviour (the engine's pod commands act on the container's
 * process record; here the host's daemon, not a kubelet, is told to look), failNode and
 * recoverNode (a host loses power, boots again: hostCommands.ts).
 */
import { KUBELET } from '../../controllers';
import { CommandError, type TimelineHandler } from '../../engine';
import type { Intent } from '../../model';
import { DOCKERD } from './dockerd';
import { failHost, recoverHost } from './hostCommands';

/** What this handler reads of a scenario's timeline entry. */
export interface HostEntry {
  action: string;
  say?: string;
  node?: string;
  source: { file: string; line: number; column: number };
}

/** `generic` (the scenario's handler) with Docker's host commands, and the daemon woken instead of a kubelet. */
export function composeTimeline(entries: readonly HostEntry[], generic: TimelineHandler): TimelineHandler {
  return (state, index, ctx) => {
    const e = entries[index];
    if (e !== undefined && (e.action === 'failNode' || e.action === 'recoverNode') && e.node !== undefined) {
      const say: Intent[] =
        e.say !== undefined ? [{ op: 'trace', record: { type: 'say', text: e.say } }] : [];
      try {
        const host = e.node;
        return [
          ...say,
          ...(e.action === 'failNode' ? failHost(state, host, ctx.now) : recoverHost(state, host, ctx.now)),
        ];
      } catch (err) {
        if (!(err instanceof CommandError)) throw err;
        const where = `${e.source.file}:${e.source.line}:${e.source.column}`;
        return [
          ...say,
          {
            op: 'trace',
            record: { type: 'actionSkipped', action: e.action, reason: err.message, source: where },
          },
        ];
      }
    }
    return generic(state, index, ctx).map((i): Intent =>
      i.op === 'wake' && i.controller === KUBELET ? { ...i, controller: DOCKERD } : i,
    );
  };
}
