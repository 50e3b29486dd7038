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

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  { files: ['src/**/*.ts'], ignores: ['src/cli/**'], rules: nondeterminism },
);
