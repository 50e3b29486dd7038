/** Helpers for compose loader tests: load inline YAML and pick out services or messages. */
import { expect } from 'vitest';
import { type ComposeLoadOptions, type ComposeService, loadCompose } from '../../src/compose';

export const FILE = 'tooling/compose.yaml';

/** Loads `yaml` (a compose file body) from `tooling/compose.yaml`. */
export function load(yaml: string, options: ComposeLoadOptions = {}) {
  return loadCompose(yaml, FILE, options);
}

/** Loads a file that must be valid, and returns its service `name` (default: the first). */
export function service(yaml: string, name?: string, options: ComposeLoadOptions = {}): ComposeService {
  const r = load(yaml, options);
  expect(r.errors.map(String)).toEqual([]);
  const svc = name === undefined ? r.project?.services[0] : r.project?.services.find((s) => s.name === name);
  if (svc === undefined) throw new Error(`no service ${name ?? '(first)'}`);
  return svc;
}

/** The messages (`file:line:col: ...`) of a load that must fail, with no project returned. */
export function errorsOf(yaml: string, options: ComposeLoadOptions = {}): string[] {
  const r = load(yaml, options);
  expect(r.project).toBeUndefined();
  expect(r.errors.length).toBeGreaterThan(0);
  return r.errors.map(String);
}

export function warningsOf(yaml: string, options: ComposeLoadOptions = {}): string[] {
  const r = load(yaml, options);
  expect(r.errors.map(String)).toEqual([]);
  return r.warnings.map(String);
}

/** A one-service file whose service `web` has `body` (indented under it). */
export function web(body: string): string {
  return `services:\n  web:\n    image: nginx\n${body.replace(/^/gm, '    ')}\n`;
}
