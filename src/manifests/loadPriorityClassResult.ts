/**
 * A PriorityClass as a manifest load result. PriorityClass is cluster configuration the scheduler
 * reads, not an object the engine stores as the modelled kinds: it travels in `objects` (typed as
 * a ModeledObject for the loader) and the scenario runner puts it into state.priorityClasses.
 */
import type { ManifestLoadResult, ModeledObject } from './loadResult';
import { loadPriorityClass } from './loadPriorityClass';
import type { Locator } from './loadYaml';

export function priorityClassResult(raw: Record<string, unknown>, at: Locator): ManifestLoadResult {
  const r = loadPriorityClass(raw, at);
  return {
    objects:
      r.object === undefined ? [] : [{ object: r.object as unknown as ModeledObject, source: r.source }],
    ignored: [],
    errors: r.errors,
    warnings: [],
  };
}
