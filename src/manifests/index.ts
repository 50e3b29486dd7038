/**
 * Kubernetes YAML in (loading, validation, API defaulting) and out (kubectl printers, API JSON and
 * YAML serialisation).
 */
export { toList } from './serialize';
export { toJson, toYaml } from './serializeText';
export { loadManifests, loadManifestValue } from './loadManifests';
export type { IgnoredObject, LoadedObject, ModeledObject } from './loadResult';
// web/labRun.ts imports formatLocatedErrors from here (declared in src/model).
export { formatLocatedErrors } from '../model';
export type { JsonObject, JsonValue } from './compact';
export { exportObjects } from './exportObjects';
export { type ExportFormat, exportText, nodeNameNotes } from './exportText';
export {
  Checker,
  closest,
  describeValue,
  DNS1123_LABEL,
  DNS1123_SUBDOMAIN,
  isLabelKey,
  isLabelValue,
  isRecord,
  QUANTITY_EXAMPLES,
} from './loadChecks';
export {
  isEmptyDocument,
  type Locator,
  locatorFor,
  parseYamlDocuments,
  type YamlSource,
  yamlToJS,
} from './loadYaml';
export { describePod } from './printDescribe';
export { describeNode } from './printDescribeNode';
export { printEvents } from './printEvents';
export { printNodes } from './printNodes';
export { printPods, summarizePod } from './printPods';
export { printEndpointSlices, printServices } from './printServices';
export { tabwrite } from './printTable';
export { printDeployments, printReplicaSets } from './printWorkloads';
