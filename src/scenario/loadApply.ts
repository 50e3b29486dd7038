/**
 * The manifests an `apply` (at time 0 or in the timeline) names: inline objects or a file relative
 * to the scenario, loaded with their located errors and warnings, and the behaviour annotations
 * checked.
 */
import { type IgnoredObject, type LoadedObject, loadManifests, loadManifestValue } from '../manifests';
import type { BuildContext } from './buildContext';
import { resolveRelative } from './resolvePath';
import { behaviourAnnotationErrors } from './schemaBehaviour';

/** The manifests of the file at `rel` (relative to the scenario file), or none if it cannot be read. */
export function loadFile(
  ctx: BuildContext,
  rel: string,
  at: (string | number)[],
): { objects: LoadedObject[]; ignored: IgnoredObject[] } {
  const resolved = resolveRelative(ctx.path, rel);
  let text: string;
  try {
    text = ctx.readFile(resolved);
  } catch {
    ctx.errors.push(
      ctx.loc.keyError(
        at,
        `cannot read "${rel}" (looked for ${resolved})`,
        'a YAML file path relative to the scenario file',
      ),
    );
    return { objects: [], ignored: [] };
  }
  const r = loadManifests(text, resolved);
  ctx.errors.push(...r.errors, ...behaviourAnnotationErrors(r.objects));
  ctx.warnings.push(...r.warnings);
  return r;
}

/** The manifests written inline at `at`. */
export function loadInline(
  ctx: BuildContext,
  value: unknown,
  at: (string | number)[],
): { objects: LoadedObject[]; ignored: IgnoredObject[] } {
  const r = loadManifestValue(value, ctx.loc.child(at));
  ctx.errors.push(...r.errors, ...behaviourAnnotationErrors(r.objects));
  ctx.warnings.push(...r.warnings);
  return r;
}
