/**
 * Compose project names: an explicit `name:` must already be valid; a name taken from the
 * directory is normalised as compose-go's NormalizeProjectName does (lower-case, keep only
 * `[a-z0-9_-]`, drop leading `_` and `-`).
 */
export const PROJECT_NAME = /^[a-z0-9][a-z0-9_-]*$/;

/** The project name for a directory name; `default` when nothing usable is left. */
export function projectNameFrom(directory: string): string {
  const name = directory
    .toLowerCase()
    .replace(/[^a-z0-9_-]/g, '')
    .replace(/^[-_]+/, '');
  return name === '' ? 'default' : name;
}
