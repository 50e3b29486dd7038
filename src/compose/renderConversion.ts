/**
 * The text `flotilla convert` prints: YAML documents (kubectl's key order and quoting) with the
 * notes on what was not carried as comments above each compose service's first object, or a JSON
 * `v1 List` (JSON has no comments: the notes are returned separately for stderr).
 */
import { toJson, toYaml } from '../manifests';
import type { ComposeProject } from '../model';
import type { Conversion, ConversionNote } from './kompose';

export type ConvertFormat = 'yaml' | 'json';

/** One comment line per note: `#   depends_on: db (service_healthy): Kubernetes starts ...`. */
export function noteLines(notes: readonly ConversionNote[]): string[] {
  return notes.map((n) => `#   ${n.field}: ${n.reason}`);
}

export function renderConversion(
  project: ComposeProject,
  conversion: Conversion,
  format: ConvertFormat,
): string {
  if (format === 'json') return toJson({ apiVersion: 'v1', kind: 'List', items: conversion.objects });
  const header = [
    `# Kubernetes manifests for the compose project "${project.name}" (${project.file}),`,
    "# converted following kompose's mapping. Apply them with: kubectl apply -f <this file>",
    ...noteLines(conversion.notes.filter((n) => n.service === undefined)),
  ];
  const commented = new Set<string>();
  const docs = conversion.objects.map((obj, i) => {
    const owner = conversion.owners[i] ?? '';
    const notes = commented.has(owner) ? [] : conversion.notes.filter((n) => n.service === owner);
    commented.add(owner);
    const comment =
      notes.length === 0 ? [] : [`# compose service "${owner}": not carried over as is`, ...noteLines(notes)];
    return [...comment, toYaml(obj).trimEnd()].join('\n');
  });
  return `${header.join('\n')}\n${docs.map((d) => `---\n${d}\n`).join('')}`;
}
