import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  SCENARIO_SCHEMA_PATH,
  scenarioJsonSchema,
  scenarioJsonSchemaText,
} from '../../src/scenario/jsonSchema';

// The committed JSON Schema must be what the zod schema generates. To regenerate it after changing
// src/scenario/schema.ts: `UPDATE_SCHEMA=1 npx vitest run test/scenario/jsonSchema.test.ts`
// (or `flotilla schema > schema/scenario.schema.json` once the CLI has the command).
describe('schema/scenario.schema.json', () => {
  it('is up to date with src/scenario/schema.ts', () => {
    const text = scenarioJsonSchemaText();
    if (process.env.UPDATE_SCHEMA === '1') writeFileSync(SCENARIO_SCHEMA_PATH, text);
    expect(existsSync(SCENARIO_SCHEMA_PATH), `${SCENARIO_SCHEMA_PATH} is missing`).toBe(true);
    expect(readFileSync(SCENARIO_SCHEMA_PATH, 'utf8')).toBe(text);
  });

  it('describes the top-level keys, strictly', () => {
    const schema = scenarioJsonSchema();
    expect(schema.additionalProperties).toBe(false);
    expect(Object.keys(schema.properties as object)).toEqual(
      expect.arrayContaining([
        'name',
        'seed',
        'orchestrator',
        'nodes',
        'settings',
        'apply',
        'timeline',
        'expect',
        'duration',
      ]),
    );
    expect(schema.required).toEqual(['name', 'nodes']);
  });
});
