/*
 * Import rules (`npm run check:imports`; docs/architecture.md explains the layers).
 *
 * The data path ingest → enrich → store → aggregate → serve → render is the order data flows in. In imports, the
 * write half is driven from above: ingest reads a file and calls enrich (classify, geocode, group) and store (merge),
 * so ingest sits above both and neither imports ingest; store (what remains of it: services over db/) may call
 * enrich, enrich never calls store. The read half is pulled: serve calls aggregate, aggregate reads through store
 * and db/. render is browser code and imports no server stage. db/ (all SQL) sits under every stage and imports only
 * the pure folders. app/ and cli/ are the edges: they may import any service.
 */

/**
 * Code with no I/O: whole folders, and single modules of a stage that db/ builds its SQL with (the tile grid, the
 * rollup's resolutions, the cube's shapes). They import only each other at run time (pure-stays-pure).
 */
const PURE_FOLDERS = '^lib/(domain|config|i18n|hours|points|sheets)/|^lib/errors[.]ts$';
const PURE_MODULES = '^lib/aggregate/(tiles/geometry|rollup|cube/cube)[.]ts$';
const PURE = `${PURE_FOLDERS}|${PURE_MODULES}`;
/** Browser code: client components and the map's pure helpers. */
const CLIENT = '^(components|lib/render)/';

/** A rule that forbids `from` importing `to` (`to` may be a list of lib folders). */
function forbid(name, comment, from, to, extra = {}) {
  const path = Array.isArray(to) ? `^lib/(${to.join('|')})/` : to;
  return { name, comment, severity: 'error', from: { path: from }, to: { path, ...extra } };
}

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'No import cycles at run time (a cycle closed only by a type-only import is erased by the compiler).',
      severity: 'error',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    // The data path.
    forbid(
      'enrich-below-ingest-and-store',
      'enrich is called by ingest and store, and calls neither (nor the read half).',
      '^lib/enrich/',
      ['ingest', 'store', 'aggregate', 'serve', 'render'],
    ),
    forbid(
      'store-below-ingest',
      'store is called by ingest and by the read half, never the other way.',
      '^lib/store/',
      ['ingest', 'aggregate', 'serve', 'render'],
    ),
    forbid('ingest-not-read-half', 'ingest writes: it does not import the read half.', '^lib/ingest/', [
      'aggregate',
      'serve',
      'render',
    ]),
    forbid(
      'aggregate-below-serve',
      'aggregate is read by serve; it imports no write driver, no serve, no render.',
      '^lib/aggregate/',
      ['ingest', 'serve', 'render'],
    ),
    forbid('serve-not-render', 'serve answers requests; render is browser code.', '^lib/serve/', ['render']),
    // db/ is the store layer's SQL: the bottom of the server.
    {
      name: 'db-imports-only-pure',
      comment: 'db/ imports nothing of lib/ but the pure code.',
      severity: 'error',
      from: { path: '^db/', pathNot: '^db/index[.]ts$' },
      to: { path: '^lib/', pathNot: PURE },
    },
    {
      name: 'db-index-start-up-recovery',
      comment:
        'The one known exception: getDb (db/index.ts) marks imports orphaned by a dead process once, at the first ' +
        'open (lib/store/importJobs.ts recoverOrphanedJobs). To remove: an open hook the app registers.',
      severity: 'error',
      from: { path: '^db/index[.]ts$' },
      to: { path: '^lib/', pathNot: `${PURE}|^lib/store/importJobs[.]ts$` },
    },
    {
      name: 'pure-stays-pure',
      comment: 'The pure folders import only pure folders at run time (no stage, no db/).',
      severity: 'error',
      from: { path: PURE },
      to: { path: '^(db|lib)/', pathNot: PURE, dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'client-no-server',
      comment: 'Browser code never imports db/ or lib/store (types, erased at build time, aside).',
      severity: 'error',
      from: { path: CLIENT },
      to: { path: '^(db|lib/store)/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'lib-not-edges',
      comment: 'app/ and cli/ are the edges: nothing under lib/, db/ or components/ imports them.',
      severity: 'error',
      from: { path: '^(lib|db|components)/' },
      to: { path: '^(app|cli)/' },
    },
    {
      name: 'classifier-no-demo',
      comment: 'The production classifier loads its shipped model; only the demo generator may use the classifier.',
      severity: 'error',
      from: { path: '^lib/(enrich|ingest|store|aggregate|serve)/' },
      to: { path: '^lib/demo/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|[.]next|[.]data)' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'],
    },
  },
};
