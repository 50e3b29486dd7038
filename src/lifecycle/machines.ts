/**
 * Stepping xstate machines purely (DESIGN.md principle 5): the engine stores only a machine's
 * state value (a string) in the cluster state, and advances it with xstate's pure `transition()`.
 * No actor runs, no timers: delays are queue events.
 */
import { type AnyStateMachine, transition } from 'xstate';

/**
 * The value `machine` reaches from `value` on `event`. Throws when the machine does not accept the
 * event in that state: a lifecycle bug must be loud, not silently ignored.
 */
export function advance(
  machine: AnyStateMachine,
  value: string,
  event: { type: string; [field: string]: unknown },
): string {
  const snapshot = machine.resolveState({ value, context: {} });
  if (!snapshot.can(event)) {
    throw new Error(`${machine.id}: event ${event.type} is not accepted in state ${value}`);
  }
  const [next] = transition(machine, snapshot, event);
  return String(next.value);
}

/** Whether `machine` in state `value` accepts `event`. */
export function accepts(machine: AnyStateMachine, value: string, event: { type: string }): boolean {
  return machine.resolveState({ value, context: {} }).can(event);
}
