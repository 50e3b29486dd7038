/**
 * Whether a YAML file under scenarios/ is a scenario (rather than Kubernetes manifests or a compose
 * file that a scenario includes): a scenario has a top-level `nodes:` list and none of the keys
 * that start a manifest (`apiVersion:`, `kind:`) or a compose file (`services:`). Lets scenarios
 * live in sub-folders (scenarios/compose-vs-swarm-vs-kubernetes/) next to the files they include.
 */
export function isScenarioText(text: string): boolean {
  return /^nodes:/m.test(text) && !/^(apiVersion|kind|services):/m.test(text);
}
