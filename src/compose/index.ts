/** Compose files in: the loader and the normalised project model the orchestrators and convert share. */
export { type ComposeLoadOptions, loadCompose } from './loadCompose';
export { projectNameFrom } from './projectName';
export { parseBytes, parseDurationMs } from './units';
export { composeToKubernetes, type Conversion } from './kompose';
export { kubeName } from './komposeShared';
export { noteLines, renderConversion } from './renderConversion';
// test/compose/helpers.ts imports ComposeService from here (declared in src/model).
export type { ComposeService } from '../model';
export { parseEnvFile } from './envFile';
