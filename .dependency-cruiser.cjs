// @ts-check
/**
 * The layer table of docs/ARCHITECTURE.md, enforced (`npm run lint:deps`). Imports point down
 * only; the named siblings (scheduler and controllers, network and lifecycle) do not import each
 * other; no file cycles; another folder of src/ (from src/ or web/) is reached only through its
 * index.ts (its public surface), a folder's own files import each other directly; only src/cli
 * touches the host (node: modules). Change the table here and in ARCHITECTURE.md together.
 */

/** Bottom to top; folders on one row are siblings. web/ sits above them all. */
const LAYERS = [
  ['model'],
  ['lifecycle', 'network'],
  ['controllers', 'scheduler'],
  ['manifests'],
  ['compose'],
  ['engine'],
  ['orchestrators'],
  ['scenario'],
  ['cli'],
];

/** One rule per folder: what it must not import (its siblings, every folder above it, web/). */
const layerRules = LAYERS.flatMap((row, level) =>
  row.map((folder) => {
    const above = LAYERS.slice(level + 1).flat();
    const siblings = row.filter((f) => f !== folder);
    const below = LAYERS.slice(0, level).flat();
    return {
      name: `layer-${folder}`,
      comment:
        `src/${folder} may import only ${below.length === 0 ? 'npm packages' : below.map((f) => `src/${f}`).join(', ')}` +
        (siblings.length > 0 ? ` (never its sibling src/${siblings.join(', src/')})` : '') +
        ': imports point down (docs/ARCHITECTURE.md, Layers).',
      severity: 'error',
      from: { path: `^src/${folder}/` },
      to: { path: `^(src/(${[...siblings, ...above].join('|') || '(?!)'})/|web/)` },
    };
  }),
);

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    ...layerRules,
    {
      name: 'no-circular',
      comment:
        'A file cycle makes module initialisation order matter (a barrel in the loop gives TDZ errors).',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'through-index',
      comment:
        "Another folder of src/ is reached through its index.ts, its public surface (import from '../model', " +
        "not '../model/objects').",
      severity: 'error',
      from: { path: '^src/([^/]+)/' },
      // A dynamic import() loads a module lazily on purpose (the OpenAPI check's kubernetes-models):
      // through the index it would be loaded with everything else.
      to: { path: '^src/', pathNot: '^src/($1/|[^/]+/index\\.ts$)', dependencyTypesNot: ['dynamic-import'] },
    },
    {
      name: 'web-through-index',
      comment: "web/ reaches src/ through the folders' index.ts too (their public surface).",
      severity: 'error',
      from: { path: '^web/' },
      to: { path: '^src/', pathNot: '^src/[^/]+/index\\.ts$' },
    },
    {
      name: 'not-own-index',
      comment:
        "A folder's files import each other directly, never through their own index.ts (that is a cycle " +
        'through the barrel, and a TDZ error waiting for an import order).',
      severity: 'error',
      from: { path: '^src/([^/]+)/', pathNot: '^src/[^/]+/index\\.ts$' },
      to: { path: '^src/$1/index\\.ts$' },
    },
    {
      name: 'host-only-in-cli',
      comment: 'Only src/cli touches the host (node: modules); the core and the lab also run in the browser.',
      severity: 'error',
      from: { path: '^(src|web)/', pathNot: '^src/cli/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'not-to-tests',
      comment: 'src/ and web/ never import tests, benchmarks or build output.',
      severity: 'error',
      from: { path: '^(src|web)/' },
      to: { path: '^(test|bench|dist)/' },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'An import that resolves to nothing.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|node_modules)/' },
    // Type-only imports are edges too: a layer that needs another's types depends on it.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
  },
};
