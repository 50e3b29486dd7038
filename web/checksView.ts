/**
 * The scenario's expectations as a checklist that fills in as time passes: each shows its verdict
 * once the run has reached the moment it was decided, so scrubbing back hides it again.
 */
import { select } from 'd3';
import {
  expectationText as describe,
  expectationWindowText as windowText,
  type ExpectationOutcome,
} from '../src/scenario';

interface CheckItem {
  id: number;
  text: string;
  verdict: 'pass' | 'fail' | 'waiting';
  detail: string;
}

const MARK = { pass: '✓ PASS', fail: '✗ FAIL', waiting: '… not yet' } as const;

/** Renders the expectations' verdicts as seen at `now`. */
export function renderChecks(root: HTMLElement, outcomes: readonly ExpectationOutcome[], now: number): void {
  const items: CheckItem[] = outcomes.map((o, i) => {
    const decided = o.decidedAt !== undefined && o.decidedAt <= now;
    return {
      id: i,
      text: `${windowText(o.expectation)}: ${describe(o.expectation)}`,
      verdict: decided ? (o.pass ? 'pass' : 'fail') : 'waiting',
      detail: decided ? o.detail : '',
    };
  });
  select(root)
    .selectAll<HTMLLIElement, CheckItem>('li')
    .data(items, (d) => String(d.id))
    .join((enter) => {
      const li = enter.append('li');
      li.append('span').attr('class', 'verdict');
      li.append('span').attr('class', 'check-text');
      return li;
    })
    .attr('class', (d) => `check check-${d.verdict}`)
    .attr('title', (d) => d.detail)
    .call((li) => li.select('.verdict').text((d) => MARK[d.verdict]))
    .call((li) => li.select('.check-text').text((d) => d.text));
  if (items.length === 0) root.textContent = 'This scenario states no expectations.';
}
