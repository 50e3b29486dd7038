/**
 * Scenario files: the format (schema.ts, JSON Schema in jsonSchema.ts), loading with located errors
 * (loadScenario.ts), the normalised Scenario (scenario.ts) and expectation checks (expectations.ts).
 */
export {
  DURATION_EXAMPLES,
  DURATION_PATTERN,
  DurationError,
  formatDuration,
  parseDuration,
  tryParseDuration,
} from './duration';
export {
  scenarioSchema,
  type ExpectationFile,
  type NodeFile,
  type ScenarioFile,
  type ScenarioInput,
  type TimelineEntryFile,
} from './schema';
export { issuesToLocated } from './schemaIssues';
export { SCENARIO_SCHEMA_PATH, scenarioJsonSchema, scenarioJsonSchemaText } from './jsonSchema';
export type {
  EventExpectation,
  Expectation,
  FlowExpectation,
  ExpectationWindow,
  NodeExpectation,
  PodsExpectation,
  PodTarget,
  Scenario,
  ScenarioNode,
  TimelineAction,
  TimelineEntry,
} from './scenario';
export { buildScenario, DEFAULT_MAX_PODS, type ReadFile } from './buildScenario';
export { checkScenario } from './checkScenario';
export { isScenarioText } from './isScenarioText';
export { loadScenario, loadScenarioText, type LoadScenarioResult } from './loadScenario';
export {
  describePodsExpectation,
  evaluateExpectation,
  type ExpectationResult,
  type SeenEvent,
} from './expectations';
export { dirname, resolveRelative } from './resolvePath';
export {
  type ExpectationOutcome,
  type RunOptions,
  runScenario,
  type ScenarioRun,
  startScenario,
} from './run';
export { timelineHandler } from './timelineHandler';
export { describeFlowExpectation, evaluateFlow, type FlowExpectationSpec } from './flowExpectation';
export { expectationText, expectationWindowText } from './describeExpectation';
