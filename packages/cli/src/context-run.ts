// What runUseCase (context.ts) imports when a command runs a use case. Named imports, not
// `await import('@quai/contracts')`: a whole namespace would make the bundle load every module of
// the package, every domain's use-case schemas with them (scripts/bundle-cli.ts).
export { exitCodeOf, localize } from '@quai/contracts';
export { run, withContext } from '@quai/core/app/run';
