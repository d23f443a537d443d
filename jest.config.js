// Unit tests (*.spec.ts) run in parallel; integration tests (*.int-spec.ts) share one Kafka
// broker and one database server, so scripts/test.sh runs them one at a time.
const fs = require('node:fs');

const swc = JSON.parse(fs.readFileSync(`${__dirname}/.swcrc`, 'utf8'));
const shared = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': ['@swc/jest', { ...swc, swcrc: false }],
    // Dashboard component tests (React, automatic JSX runtime); they pick jsdom per file.
    '^.+\\.tsx$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', tsx: true },
          transform: { react: { runtime: 'automatic' } },
          target: 'es2022',
        },
        module: { type: 'commonjs' },
        swcrc: false,
      },
    ],
    // ESM-only dependencies (jose, under jwks-rsa; file-type and the tokenizers it reads with)
    // are compiled to CommonJS for jest.
    '^.+\\.js$': [
      '@swc/jest',
      {
        jsc: { parser: { syntax: 'ecmascript' }, target: 'es2022' },
        module: { type: 'commonjs' },
        swcrc: false,
      },
    ],
  },
  transformIgnorePatterns: [
    '/node_modules/(?!(jose|file-type|strtok3|token-types|@tokenizer|uint8array-extras|@borewit)/)',
  ],
  moduleNameMapper: {
    // file-type's entry for Node is offered to `import` only; its core (fileTypeFromBuffer,
    // all chat uses) is the same code without the file-system helpers.
    '^file-type$': '<rootDir>/node_modules/file-type/core.js',
    '^@app/([a-z-]+)$': '<rootDir>/libs/$1/src',
    // The browser apps import values from a contracts file that has no zod in it.
    '^@app/([a-z-]+)/(.+)$': '<rootDir>/libs/$1/src/$2',
    // Stylesheets imported by the browser apps mean nothing to a test.
    '\\.css$': '<rootDir>/test/empty-stylesheet.cjs',
  },
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/.data/'],
};

module.exports = {
  // A global option (ignored inside a project): hooks that start services need more than 5 s.
  testTimeout: 60000,
  projects: [
    {
      ...shared,
      displayName: 'unit',
      testMatch: ['<rootDir>/{apps,libs,test}/**/*.spec.{ts,tsx}'],
    },
    {
      ...shared,
      displayName: 'integration',
      testMatch: ['<rootDir>/{apps,libs,test}/**/*.int-spec.ts'],
    },
    {
      ...shared,
      // schemathesis over the running services (`npm run fuzz`, and a short run in `npm test`).
      displayName: 'fuzz',
      testMatch: ['<rootDir>/test/fuzz/**/*.fuzz-spec.ts'],
    },
  ],
};
