/**
 * Scenario files: the format (schema.ts, JSON Schema in jsonSchema.ts), loading with located errors
 * (loadScenario.ts), the normalised Scenario (scenario.ts) and expectation checks (expectations.ts).
 */
export { DurationError, formatDuration, parseDuration } from './duration';
export { scenarioJsonSchemaText } from './jsonSchema';
export type { Scenario, TimelineEntry } from './scenario';
export { isScenarioText } from './isScenarioText';
export { loadScenario, type LoadScenarioResult, loadScenarioText } from './loadScenario';
export {
  type ExpectationOutcome,
  type RunOptions,
  runScenario,
  type ScenarioRun,
  startScenario,
} from './run';
export { timelineHandler } from './timelineHandler';
export { expectationText, expectationWindowText } from './describeExpectation';
export type { ReadFile } from './buildContext';
export type { ScenarioMetrics } from './compare';
export { compareFinishedRun, compareScenario } from './compareRun';
export { COMPARE_ROWS, compareNotes } from './compareTable';
