/** Dependency rules: contracts <- core <- cli; no cycles; core never imports cli. */
module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
    {
      name: 'contracts-stays-pure',
      comment: 'contracts is shared with the browser: no Node built-ins, no core, no cli',
      severity: 'error',
      from: { path: '^packages/contracts/src' },
      to: { path: ['^packages/(core|cli)', '^(node:)?(fs|path|child_process|http|https|net|os|crypto)$'] },
    },
    {
      name: 'core-does-not-use-front-ends',
      severity: 'error',
      from: { path: '^packages/core' },
      to: { path: '^packages/cli' },
    },
    {
      name: 'no-deep-imports-across-domains',
      comment: 'a core domain is imported only through its index.ts',
      severity: 'error',
      from: { path: '^packages/core/src/([^/]+)/' },
      to: {
        path: '^packages/core/src/([^/]+)/(?!index\\.ts$)[^/]+',
        pathNot: '^packages/core/src/$1/',
      },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.test.json' },
    enhancedResolveOptions: {
      conditionNames: ['@quai/source', 'import', 'default'],
      exportsFields: ['exports'],
    },
    exclude: { path: ['dist/', 'node_modules/'] },
  },
};
