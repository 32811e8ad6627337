// The layering rules of src/ (docs/architecture.md, "Dependencies"), checked by `npm run depcheck`
// and in .ci/run. dependency-cruiser reads the TypeScript sources, type-only imports included.
//
// Type-only imports (`import type`, erased by the compiler) count like any other import, with one
// exception: src/schema.ts composes the domains' row types (<domain>.tables.ts) into the database
// type that platform/db opens Kysely with, so platform may import src/schema.ts, as types only. A
// type-only import still couples two files in the design (the importer breaks when the type moves or
// changes), so a type-only cycle or a type-only platform -> domain import fails like a runtime one.
// The schema exception stays acyclic because *.tables.ts files import nothing from src/.

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'platform-imports-no-domain',
      comment:
        'src/platform/** is what every domain uses; it must not import a domain, the CLI or the app ' +
        '(src/<domain>/**, src/cli/**, src/app.ts). Domains register with platform instead ' +
        '(modules, jobs, privacy, events).',
      severity: 'error',
      from: { path: '^src/platform/' },
      to: { path: '^src/', pathNot: ['^src/platform/', '^src/schema\\.ts$'] },
    },
    {
      name: 'platform-reads-schema-types-only',
      comment:
        'platform may know the database row types (src/schema.ts) but nothing that runs in a domain: ' +
        'the import must be `import type`.',
      severity: 'error',
      from: { path: '^src/platform/' },
      to: { path: '^src/schema\\.ts$', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'only-cli-imports-cli',
      comment:
        'src/cli/** mounts commands over the app; a domain (or platform) importing it pulls in every ' +
        'domain. Command code lives in src/cli/ and calls the domains, never the other way round.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/cli/' },
      to: { path: '^src/cli/' },
    },
    {
      name: 'no-cycles',
      comment:
        'No import cycle between files under src/ (type-only imports included, see the top of this ' +
        'file). Split the shared part into its own file, or pass a function in.',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
  ],
  options: {
    includeOnly: '^src/',
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: 'node_modules' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
