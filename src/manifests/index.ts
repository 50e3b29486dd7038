/**
 * Kubernetes YAML in (loading, validation, API defaulting) and out (kubectl printers, API JSON and
 * YAML serialisation).
 */
export * from './printers';
export * from './serialize';
export * from './serializeText';
export * from './loadManifests';
export * from '../model/located';
export * from './defaults';
export * from './loadResult';
