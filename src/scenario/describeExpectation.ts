/** Expectations in words, for the CLI report and the lab's checklist. */
import { formatDuration } from './duration';
import { describeFlowExpectation } from './flowExpectation';
import type { Expectation } from './scenario';

/** `at 55s` or `within 2m`. */
export function expectationWindowText(e: Expectation): string {
  return e.window.kind === 'at'
    ? `at ${formatDuration(e.window.at)}`
    : `within ${formatDuration(e.window.within)}`;
}

/** The expectation's own description, or what it checks: `pods app=web`, `node node-1 Ready=Unknown`. */
export function expectationText(e: Expectation): string {
  if (e.description) return e.description;
  switch (e.check) {
    case 'pods':
      return `pods ${e.selectorText}`;
    case 'node':
      return `node ${e.node} Ready=${e.ready}`;
    case 'event':
      return `event ${e.reason}${e.object ? ` on ${e.object}` : ''}`;
    case 'flow':
      return describeFlowExpectation(e);
  }
}
