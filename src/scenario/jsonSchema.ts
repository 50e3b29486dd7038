/**
 * The JSON Schema of scenario files, generated from the zod schema, for editors (VS Code's YAML
 * extension: `# yaml-language-server: $schema=../schema/scenario.schema.json`). The committed copy
 * is schema/scenario.schema.json; a test keeps it equal to what this generates, and the CLI can
 * write it with scenarioJsonSchemaText().
 */
import { z } from 'zod';
import { scenarioSchema } from './schema';

/** Where the committed schema lives, relative to the repository root. */
export const SCENARIO_SCHEMA_PATH = 'schema/scenario.schema.json';

/** The JSON Schema (draft 2020-12) of a scenario file as written (defaults shown, not required). */
export function scenarioJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(scenarioSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
}

/**
 * The schema as the committed file holds it: 2-space JSON laid out as Prettier (printWidth 110)
 * lays it out, so that `prettier --check` and the up-to-date test agree on one text.
 */
export function scenarioJsonSchemaText(): string {
  return `${printJson(scenarioJsonSchema(), '', 0)}\n`;
}

const PRINT_WIDTH = 110;

/** Objects always open; arrays of scalars on one line when that fits (Prettier's JSON layout). */
function printJson(v: unknown, indent: string, prefixWidth: number): string {
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    const flat = `[${v.map((x) => JSON.stringify(x)).join(', ')}]`;
    const scalars = v.every((x) => x === null || typeof x !== 'object');
    // +1 for a following comma, which Prettier counts.
    if (scalars && indent.length + prefixWidth + flat.length + 1 <= PRINT_WIDTH) return flat;
    const inner = `${indent}  `;
    return `[\n${v.map((x) => inner + printJson(x, inner, 0)).join(',\n')}\n${indent}]`;
  }
  if (v !== null && typeof v === 'object') {
    const entries = Object.entries(v);
    if (entries.length === 0) return '{}';
    const inner = `${indent}  `;
    const body = entries.map(([k, x]) => {
      const key = `${JSON.stringify(k)}: `;
      return `${inner}${key}${printJson(x, inner, key.length)}`;
    });
    return `{\n${body.join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(v);
}
