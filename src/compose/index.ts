/** Compose files in: the loader and the normalised project model the orchestrators and convert share. */
export * from '../model/compose';
export { loadCompose, type ComposeLoadOptions, type ComposeLoadResult } from './loadCompose';
export { projectNameFrom } from './projectName';
export { parseDurationMs, parseBytes } from './units';
export { composeToKubernetes, type Conversion, type ConversionNote } from './kompose';
export { kubeName } from './komposeShared';
export { renderConversion, type ConvertFormat } from './renderConversion';
