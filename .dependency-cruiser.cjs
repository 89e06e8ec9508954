// Import boundaries between the folders of server, shared and web, checked by `npm run lint`
// (`depcruise server/src shared/src web/src`). test/lint/boundaries.spec.ts runs the same rules
// against a fixture tree that breaks each of them.
//
// Specs (*.spec.ts) are left out of the cruise: they may import across folders for set-up.
// Paths are relative to the directory depcruise runs in (the repository root).

const SRC = '^server/src/';

// Server layers, top to bottom. A module imports only its own layer and the layers below it, so
// no two layers import each other. Inside a layer, folders may import each other one way only
// (no-server-folder-cycle). `server/src/*.ts` (app module, factory, main) is the composition root.
const LAYERS = [
  { name: 'root', path: `${SRC}[^/]+$` },
  { name: 'features', path: `${SRC}(feeds|live|dispatch|stats|map|health|simulator|reports|info-reports|handover)/` },
  { name: 'correlation', path: `${SRC}correlation/(?!engine/)` },
  // work orders: made in the records' transactions by intake and correlation, read by features
  { name: 'orders', path: `${SRC}orders/` },
  // records: alerts over events over incidents
  { name: 'alerts', path: `${SRC}alerts/` },
  { name: 'events', path: `${SRC}events/` },
  { name: 'incidents', path: `${SRC}incidents/` },
  { name: 'platform', path: `${SRC}(metrics|audit|auth|taxonomy|profiles|documents)/` },
  // the bottom four have rules of their own below, narrower than "anything lower"
  { name: 'engine', path: `${SRC}correlation/engine/` },
  { name: 'infra', path: `${SRC}infra/` },
  { name: 'common', path: `${SRC}common/` },
  { name: 'config', path: `${SRC}config/` },
];
const FIRST_WITH_OWN_RULE = LAYERS.findIndex((layer) => layer.name === 'engine');

// The engine's one way up: the records' plain type files, imported with `import type`.
const TYPE_FILES = `${SRC}(events|incidents)/[^/]+\\.types\\.ts$`;

// A package, resolved (…/node_modules/pg/…) or left unresolved (pg).
const pkg = (names) => `(^|/)node_modules/(${names})/|^(${names})(/|$)`;
const DRIVERS = 'pg|better-sqlite3|ioredis|typeorm|@socket\\.io/redis-streams-adapter|@socket\\.io/redis-adapter';
const FRAMEWORK = '@nestjs/[^/]+|typeorm|pg|better-sqlite3|ioredis';

const names = (layers) => layers.map((layer) => layer.name).join(', ');

const upwardRules = LAYERS.slice(1, FIRST_WITH_OWN_RULE).map((layer, i) => ({
  name: `${layer.name}-imports-upward`,
  severity: 'error',
  comment:
    `${layer.name} imports only itself and the layers below it (${names(LAYERS.slice(i + 2))}); ` +
    `layer order: ${LAYERS.map((l) => l.name).join(' > ')}`,
  from: { path: layer.path },
  to: { path: LAYERS.slice(0, i + 1).map((above) => above.path) },
}));

module.exports = {
  forbidden: [
    ...upwardRules,
    {
      name: 'no-server-folder-cycle',
      severity: 'error',
      comment: 'No two folders of server/src import each other, directly or round a longer loop.',
      scope: 'folder',
      from: { path: SRC },
      to: { circular: true },
    },
    {
      // A new top-level folder must take its place in LAYERS before anything imports it.
      name: 'server-folder-has-a-layer',
      severity: 'error',
      comment: 'Every folder of server/src belongs to a layer in .dependency-cruiser.cjs.',
      from: {},
      to: { path: SRC, pathNot: LAYERS.map((layer) => layer.path) },
    },
    {
      name: 'server-folder-has-a-layer',
      severity: 'error',
      from: { path: SRC, pathNot: LAYERS.map((layer) => layer.path) },
      to: { path: SRC },
    },
    {
      name: 'engine-is-pure',
      severity: 'error',
      comment: "The engine imports only config, itself and (as types) the records' *.types.ts files.",
      from: { path: `${SRC}correlation/engine/` },
      to: { path: SRC, pathNot: [`${SRC}(correlation/engine|config)/`, TYPE_FILES] },
    },
    {
      name: 'engine-imports-record-types-as-types',
      severity: 'error',
      comment: "The engine imports the records' *.types.ts files with `import type` only.",
      from: { path: `${SRC}correlation/engine/` },
      to: { path: TYPE_FILES, dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'engine-no-framework',
      severity: 'error',
      comment: 'The engine runs without Nest or a database: no @nestjs/*, typeorm, pg, better-sqlite3, ioredis.',
      from: { path: `${SRC}correlation/engine/` },
      to: { path: pkg(FRAMEWORK) },
    },
    {
      name: 'infra-imports-only-common-config',
      severity: 'error',
      comment: 'infra imports only itself, common and config.',
      from: { path: `${SRC}infra/` },
      to: { path: SRC, pathNot: `${SRC}(infra|common|config)/` },
    },
    {
      name: 'common-imports-only-config',
      severity: 'error',
      comment: 'common imports only itself and config.',
      from: { path: `${SRC}common/` },
      to: { path: SRC, pathNot: `${SRC}(common|config)/` },
    },
    {
      name: 'config-imports-only-config',
      severity: 'error',
      comment: 'config imports nothing else of server/src.',
      from: { path: `${SRC}config/` },
      to: { path: SRC, pathNot: `${SRC}config/` },
    },
    {
      name: 'drivers-only-in-infra',
      severity: 'error',
      comment: 'Only server/src/infra imports pg, better-sqlite3, ioredis, typeorm and the socket.io adapters.',
      from: { pathNot: `${SRC}infra/` },
      to: { path: pkg(DRIVERS) },
    },
    {
      name: 'shared-stands-alone',
      severity: 'error',
      comment: 'shared is imported by server and web and imports neither.',
      from: { path: '^shared/src/' },
      to: { path: '^(server|web)/' },
    },
    {
      name: 'web-never-imports-server',
      severity: 'error',
      comment: 'web talks to the server over HTTP and socket.io only; shared types come from shared.',
      from: { path: '^web/src/' },
      to: { path: '^server/' },
    },
  ],
  options: {
    // @jointduty/shared resolves to its build (shared/dist) through the workspace link: a leaf
    doNotFollow: { path: ['node_modules', '(^|/)dist/'] },
    exclude: { path: '\\.spec\\.ts$' },
    // keep `import type` in the graph, marked type-only
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      extensions: ['.ts', '.vue', '.js', '.mjs', '.cjs', '.json'],
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
    },
  },
};
