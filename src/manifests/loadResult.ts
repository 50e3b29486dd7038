/**
 * What loading manifests gives: the modelled objects with their source positions, the objects
 * skipped, and the errors and warnings. Types only, shared by the loader (loadManifests.ts) and the
 * loaders of single kinds (loadPriorityClassResult.ts) without importing each other.
 */
import type {
  Deployment,
  LocatedError,
  Namespace,
  NetworkPolicy,
  Pod,
  ReplicaSet,
  Service,
  SourceLocation,
} from '../model';

/** An object of a kind the engine stores and runs. */
export type ModeledObject = Pod | Deployment | ReplicaSet | Namespace | Service | NetworkPolicy;

/** A loaded object and where it starts in its file. */
export interface LoadedObject {
  object: ModeledObject;
  source: SourceLocation;
}

/** An object of a kind Flotilla does not model, skipped with a warning. */
export interface IgnoredObject {
  apiVersion: string;
  kind: string;
  name: string;
  namespace?: string;
  source: SourceLocation;
}

/** Everything found in one manifest input. The load failed when `errors` is not empty. */
export interface ManifestLoadResult {
  objects: LoadedObject[];
  ignored: IgnoredObject[];
  errors: LocatedError[];
  warnings: LocatedError[];
}
