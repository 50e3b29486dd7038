// @ts-check
import tseslint from 'typescript-eslint';

// The deterministic core (everything under src/ except the CLI) must never read the wall clock,
// Math.random or timers: time and randomness come from the engine (DESIGN.md, principle 1).
const nondeterminism = {
  'no-restricted-globals': [
    'error',
    { name: 'Date', message: 'The core uses the simulation clock (engine), never Date.' },
    { name: 'setTimeout', message: 'Delays are queue events in the core, never timers.' },
    { name: 'setInterval', message: 'Delays are queue events in the core, never timers.' },
    { name: 'setImmediate', message: 'Delays are queue events in the core, never timers.' },
    { name: 'performance', message: 'The core has no wall clock.' },
    { name: 'process', message: 'Only src/cli touches the process.' },
  ],
  'no-restricted-properties': [
    'error',
    { object: 'Math', property: 'random', message: 'Use the seeded RNG in the cluster state.' },
  ],
  'no-restricted-imports': [
    'error',
    {
      patterns: [
        { group: ['node:*', 'fs', 'path', 'os', 'child_process'], message: 'Only src/cli touches the host.' },
      ],
    },
  ],
};

// The core and the lab are re-entrant: several simulations run at once in one thread (compare, sweeps, grading,
// a worker), so no module keeps state. A run's caches and buffers live in its Memo
// (src/model/memo.ts); module-level collections are constants, typed ReadonlySet / ReadonlyMap.
const MUTABLE_COLLECTION = 'NewExpression[callee.name=/^(Map|Set|WeakMap|WeakSet)$/]';
const READONLY_TYPE = '[id.typeAnnotation.typeAnnotation.typeName.name=/^Readonly(Set|Map)$/]';
const noModuleState = {
  'no-restricted-syntax': [
    'error',
    ...['Program > VariableDeclaration', 'Program > ExportNamedDeclaration > VariableDeclaration'].flatMap(
      (decl) => [
        {
          selector: `${decl}[kind='let']`,
          message: "No module-level let: keep per-run state in the simulation's Memo (src/model/memo.ts).",
        },
        {
          selector: `${decl} > VariableDeclarator:not(${READONLY_TYPE}) > ${MUTABLE_COLLECTION}, ${decl} > VariableDeclarator > ArrayExpression > ${MUTABLE_COLLECTION}`,
          message:
            "No module-level mutable collection: keep caches in the simulation's Memo (derivedKey / slotKey), or type a constant ReadonlySet / ReadonlyMap.",
        },
      ],
    ),
  ],
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  { files: ['src/**/*.ts'], ignores: ['src/cli/**'], rules: nondeterminism },
  { files: ['src/**/*.ts', 'web/**/*.ts'], rules: noModuleState },
);
