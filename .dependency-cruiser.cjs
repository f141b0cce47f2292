/**
 * Dependency rules: contracts <- core <- devcluster <- cli; contracts <- console (the browser); no cycles; core never imports the
 * local cluster (it is not published with core) nor the CLI.
 */
module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
    {
      name: 'contracts-stays-pure',
      comment: 'contracts is shared with the browser: no Node built-ins, no core, no cli',
      severity: 'error',
      from: { path: '^packages/contracts/src' },
      to: {
        path: [
          '^packages/(core|devcluster|cli)',
          '^(node:)?(fs|path|child_process|http|https|net|os|crypto)$',
        ],
      },
    },
    {
      name: 'console-uses-contracts-only',
      comment:
        'the web console runs in the browser and talks to the HTTP API: it imports contracts, never core, api, devcluster or the CLI',
      severity: 'error',
      from: { path: '^packages/console/src' },
      to: { path: '^packages/(core|api|devcluster|cli)|node_modules/@quai/(core|api|devcluster|cli)' },
    },
    {
      name: 'console-has-no-node',
      comment: 'the web console runs in the browser: no Node built-ins',
      severity: 'error',
      from: { path: '^packages/console/src' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'core-does-not-use-front-ends',
      severity: 'error',
      from: { path: '^packages/core' },
      to: { path: '^packages/(cli|devcluster)' },
    },
    {
      name: 'devcluster-does-not-use-front-ends',
      comment: 'the local cluster is a library: the CLI, the tests and the benches use it, never the reverse',
      severity: 'error',
      from: { path: '^packages/devcluster' },
      to: { path: '^packages/cli' },
    },
    {
      name: 'no-deep-imports-across-domains',
      comment:
        'a core domain is imported only through its index.ts; except the few light modules listed, ' +
        'imported alone so that a command does not load a whole domain at start-up (issue 19: ' +
        '`quai import compose` loaded the audit and kube domains through render/security.ts)',
      severity: 'error',
      from: { path: '^packages/core/src/([^/]+)/' },
      to: {
        path: '^packages/core/src/([^/]+)/(?!index\\.ts$)[^/]+',
        pathNot: [
          '^packages/core/src/$1/',
          '^packages/core/src/(audit/pss|kube/api-error|onboard/write|scan/registry/index)\\.ts$',
        ],
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
