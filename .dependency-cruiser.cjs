// The module boundaries `npm test` holds the tree to (`npm run check:boundaries`).
//
// Libraries form layers: a library may import only libraries of a lower layer, so the library
// graph has no cycle even where no single file closes one. A library's own tests may also use
// `@app/testing`, the top layer, which starts services for them.
const LIBRARY_LAYERS = [
  ['contracts', 'config', 'tenancy', 'scheduling'],
  ['database'],
  ['auth', 'messaging'],
  ['platform'],
  ['testing'],
];

const layerOf = (library) => LIBRARY_LAYERS.findIndex((layer) => layer.includes(library));
const allLibraries = LIBRARY_LAYERS.flat();
const TESTS = '\\.(int-)?spec\\.tsx?$';

const layerRules = allLibraries
  .map((library) => {
    const notBelow = allLibraries.filter((other) => layerOf(other) >= layerOf(library));
    const forbidden = notBelow.filter((other) => other !== library);
    return {
      name: `layers-${library}`,
      comment: `libs/${library} may import only libraries of a lower layer (.dependency-cruiser.cjs)`,
      severity: 'error',
      from: { path: `^libs/${library}/`, pathNot: library === 'testing' ? [] : [TESTS] },
      to: { path: `^libs/(${forbidden.join('|') || '$^'})/` },
    };
  })
  .concat(
    allLibraries
      .filter((library) => library !== 'testing')
      .map((library) => {
        const forbidden = allLibraries.filter(
          (other) => layerOf(other) >= layerOf(library) && other !== library && other !== 'testing',
        );
        return {
          name: `layers-${library}-tests`,
          comment: `the tests of libs/${library} may add only @app/testing to its layer's imports`,
          severity: 'error',
          from: { path: `^libs/${library}/.*${TESTS}` },
          to: { path: `^libs/(${forbidden.join('|') || '$^'})/` },
        };
      }),
  );

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'a cycle works only by module load order',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'apps-never-import-apps',
      comment: 'services share code through libs/ and facts through Kafka, never each other',
      severity: 'error',
      from: { path: '^apps/([^/]+)/' },
      to: { path: '^apps/', pathNot: '^apps/$1/' },
    },
    {
      name: 'libs-never-import-apps',
      comment: 'libraries, their tests included, know no service',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'contracts-import-nothing-of-ours',
      comment: 'the widget and the dashboard load contracts in the browser',
      severity: 'error',
      from: { path: '^libs/contracts/' },
      to: { path: '^(apps|libs|test|bench)/', pathNot: '^libs/contracts/' },
    },
    ...layerRules,
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist|\\.data)/' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    // The browser apps resolve `@app/contracts` through their own Vite aliases.
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.cjs', '.mjs', '.json'] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
