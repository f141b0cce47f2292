import { createWriteStream } from 'node:fs';
import { readFile, rename, rm } from 'node:fs/promises';
import { once } from 'node:events';
import { Command, InvalidArgumentError, Option } from 'commander';
import * as audit from '@quai/core/audit';
import { QuaiError } from '@quai/core/errors';
import { connect, globalOptions, type CommandContext, type GlobalOptions } from '../context.js';
import { paint, print, table } from '../output.js';
import { Progress } from '../progress.js';
import type { CommandModule } from './types.js';

type Format = audit.ReportFormat;

function pssVersionArg(value: string): string {
  if (audit.parsePssVersion(value) === undefined) {
    throw new InvalidArgumentError('Expected latest or a version such as v1.30.');
  }
  return value;
}
function kubernetesVersionArg(value: string): string {
  if (!/^v?1\.\d+(\.\d+)?$/.test(value.trim()))
    throw new InvalidArgumentError('Expected a version such as 1.36.');
  return value.trim().replace(/^v/, '');
}
const CATEGORIES = ['pod-security', 'best-practice', 'rbac'] as const;
function checksArg(value: string): (typeof CATEGORIES)[number][] {
  const list = value.split(',').map((v) => v.trim());
  const bad = list.find((v) => !(CATEGORIES as readonly string[]).includes(v));
  if (bad !== undefined || list.length === 0) {
    throw new InvalidArgumentError(`Expected a comma-separated list among ${CATEGORIES.join(', ')}.`);
  }
  return list as (typeof CATEGORIES)[number][];
}

function reportArg(value: string, previous: readonly { format: Format; file: string }[] = []) {
  const eq = value.indexOf('=');
  const format = value.slice(0, eq) as Format;
  const file = value.slice(eq + 1);
  if (eq <= 0 || file === '' || !(audit.REPORT_FORMATS as readonly string[]).includes(format)) {
    throw new InvalidArgumentError(
      `Expected FORMAT=FILE with FORMAT among ${audit.REPORT_FORMATS.join(', ')}.`,
    );
  }
  return [...previous, { format, file }];
}

async function readExceptions(file: string): Promise<audit.ExceptionRule[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new QuaiError(
      'INPUT_INVALID',
      `Cannot read exceptions file "${file}": ${code === 'ENOENT' ? 'no such file' : (code ?? String(e))}`,
      { location: { file }, hint: 'Check the path given to --exceptions.' },
    );
  }
  return audit.parseExceptionsFile(text, file);
}

function* withNewline(parts: Iterable<string>): Generator<string> {
  yield* parts;
  yield '\n';
}

/** A report in one format, as chunks; `color` only for text on a terminal. */
function chunks(
  run: audit.AuditRun,
  format: Format,
  lang: 'en' | 'fr',
  ctx: CommandContext,
  color: boolean,
): Iterable<string> {
  const h = run.header;
  const failing = (f: audit.Finding): boolean =>
    audit.severityRank(f.severity) >= audit.severityRank(h.options.severityThreshold);
  const findings = run.findings();
  switch (format) {
    case 'text':
      return withNewline(
        audit.textChunks(h, findings, color ? (style, text) => paint(ctx.io, style, text) : undefined),
      );
    case 'json':
      return audit.jsonChunks(h, findings);
    case 'yaml':
      return audit.yamlChunks(h, findings);
    case 'sarif':
      return audit.sarifChunks(h, findings);
    case 'junit':
      return audit.junitChunks(h, findings, failing);
    case 'gitlab-codequality':
      return audit.gitlabCodeQualityChunks(findings);
    case 'markdown':
      return audit.markdownChunks(h, findings, lang, failing);
    case 'html':
      return audit.htmlChunks(h, findings, lang, failing);
  }
}

/** Writes chunks to a stream, waiting when it is full (a report of any size is never one string). */
async function writeChunks(out: NodeJS.WritableStream, parts: Iterable<string>): Promise<void> {
  let batch = '';
  for (const part of parts) {
    batch += part;
    if (batch.length < 1 << 16) continue;
    if (!out.write(batch)) await once(out, 'drain');
    batch = '';
  }
  if (batch !== '' && !out.write(batch)) await once(out, 'drain');
}

/** Writes a report file atomically: a temporary file beside it, renamed once complete. */
async function writeReportFile(file: string, parts: Iterable<string>): Promise<void> {
  const tmp = `${file}.${process.pid}.tmp`;
  const stream = createWriteStream(tmp, { mode: 0o644 });
  try {
    await writeChunks(stream, parts);
    await new Promise<void>((resolve, reject) => {
      stream.end((e?: Error | null) => (e ? reject(e) : resolve()));
    });
    await rename(tmp, file);
  } catch (e) {
    stream.destroy();
    await rm(tmp, { force: true });
    throw e;
  }
}

interface AuditFlags {
  readonly cluster?: boolean;
  readonly level: audit.PssLevel;
  readonly pssVersion?: string;
  readonly kubernetesVersion?: string;
  readonly severityThreshold: audit.Severity;
  readonly exceptions?: string;
  readonly format?: Format;
  readonly report?: readonly { format: Format; file: string }[];
  readonly lang: 'en' | 'fr';
  readonly checks?: readonly ('pod-security' | 'best-practice' | 'rbac')[];
}

async function runAudit(
  ctx: CommandContext,
  g: GlobalOptions,
  paths: readonly string[],
  flags: AuditFlags,
): Promise<void> {
  if (g.output !== 'text' && flags.format !== undefined && flags.format !== g.output) {
    throw new QuaiError('USAGE', `-o ${g.output} and --format ${flags.format} disagree.`, {
      hint: 'Give the report format once, with --format.',
    });
  }
  if (g.output === 'json' || g.output === 'yaml') {
    throw new QuaiError(
      'USAGE',
      `quai audit writes its report with --format ${g.output}, not -o ${g.output}.`,
      {
        hint: `Use --format ${g.output}: with -o, an exit status of 1 would add a second JSON document to standard output.`,
      },
    );
  }
  const format: Format = flags.format ?? 'text';
  if (paths.length === 0 && flags.cluster !== true) {
    throw new QuaiError(
      'USAGE',
      'Nothing to audit: give files or folders, - for standard input, or --cluster.',
      {
        hint: `For example: ${ctx.programName} audit k8s/  or  helm template ./chart | ${ctx.programName} audit -`,
      },
    );
  }
  if (paths.length > 0 && flags.cluster === true) {
    throw new QuaiError('USAGE', 'Give either paths or --cluster, not both.');
  }
  const exceptions = flags.exceptions === undefined ? [] : await readExceptions(flags.exceptions);

  let pssVersion = flags.pssVersion;
  let kubernetesVersion = flags.kubernetesVersion;
  const options = (): audit.StreamOptions => ({
    level: flags.level,
    ...(pssVersion === undefined ? {} : { pssVersion }),
    ...(kubernetesVersion === undefined ? {} : { kubernetesVersion }),
    severityThreshold: flags.severityThreshold,
    exceptions,
    toolVersion: ctx.version,
    source: flags.cluster === true ? 'cluster' : 'manifests',
    signal: ctx.signal,
    ...(flags.checks === undefined ? {} : { categories: flags.checks }),
  });
  let run: audit.AuditRun;
  if (flags.cluster === true) {
    const progress = new Progress(ctx.io);
    const client = await connect(ctx, g);
    let loaded: { objects: audit.AuditObject[]; notes: audit.AuditNote[] };
    try {
      const v = await client.version(ctx.signal);
      const minor = /^v1\.(\d+)/.exec(v.gitVersion)?.[1];
      // The cluster's own policy and API versions, unless given.
      if (minor !== undefined) {
        pssVersion ??= `v1.${minor}`;
        kubernetesVersion ??= `1.${minor}`;
      }
      const namespaces = g.namespace
        ?.split(',')
        .map((n) => n.trim())
        .filter((n) => n !== '');
      progress.step(
        `Reading ${namespaces === undefined ? 'all namespaces' : `namespace${namespaces.length === 1 ? '' : 's'} ${namespaces.join(', ')}`} of context "${client.access.contextName}" (Kubernetes ${v.gitVersion})`,
      );
      loaded = await audit.loadClusterObjects(client, {
        ...(namespaces === undefined ? {} : { namespaces }),
        signal: ctx.signal,
        onProgress: (m) => progress.step(m),
      });
      progress.done(`${loaded.objects.length} objects read`);
    } finally {
      client.close();
    }
    // Live objects have no file: report them by namespace, kind and name.
    const key = (o: audit.AuditObject): string =>
      `${o.object.metadata.namespace ?? ''}/${o.object.kind}/${o.object.metadata.name ?? ''}`;
    loaded.objects.sort((a, b) => key(a).localeCompare(key(b)));
    run = await audit.auditStream(loaded.objects, { ...options(), notes: loaded.notes });
  } else {
    const inputs: audit.ManifestInput[] = paths.map((p) =>
      p === '-'
        ? { kind: 'stream', name: '<stdin>', stream: process.stdin as AsyncIterable<Buffer> }
        : { kind: 'path', path: p },
    );
    run = await audit.auditStream(audit.readManifests(inputs, { signal: ctx.signal }), options());
  }
  const report = run.header;
  try {
    if (report.summary.objects === 0 && !report.notes.some((n) => n.kind === 'input-error')) {
      // An empty input passing a CI gate is how a wrong path goes unnoticed: say so.
      throw new QuaiError(
        'INPUT_INVALID',
        flags.cluster === true
          ? 'Nothing to audit: the cluster returned no object (check -n and the credentials).'
          : `Nothing to audit: no Kubernetes object in ${paths.join(', ')}.`,
        {
          hint:
            flags.cluster === true
              ? 'Name existing namespaces with -n, or leave -n out to read them all.'
              : 'Folders are read recursively for *.yaml, *.yml and *.json files; check the path.',
        },
      );
    }
    for (const r of flags.report ?? []) {
      await writeReportFile(r.file, chunks(run, r.format, flags.lang, ctx, false));
    }
    await writeChunks(ctx.io.out, chunks(run, format, flags.lang, ctx, format === 'text' && ctx.io.color));
  } finally {
    run.close();
  }

  const inputErrors = report.notes.filter((n) => n.kind === 'input-error');
  const firstError = inputErrors[0];
  if (firstError !== undefined) {
    throw new QuaiError(
      'INPUT_INVALID',
      `${inputErrors.length} input problem${inputErrors.length === 1 ? '' : 's'}; the first: ${firstError.message}`,
      {
        location: {
          ...(firstError.file === undefined ? {} : { file: firstError.file }),
          ...(firstError.line === undefined ? {} : { line: firstError.line }),
          ...(firstError.column === undefined ? {} : { column: firstError.column }),
        },
        hint: firstError.hint ?? 'Fix the input; the other documents were audited and reported above.',
      },
    );
  }
  if (report.summary.failing > 0) {
    throw new QuaiError(
      'AUDIT_FINDINGS',
      `${report.summary.failing} finding${report.summary.failing === 1 ? '' : 's'} at or above ${report.options.severityThreshold}.`,
      {
        hint: 'Fix them, or accept a risk with an exception that has an expiry date and a justification (docs/audit.md#exceptions).',
        details: { failing: report.summary.failing, bySeverity: report.summary.bySeverity },
      },
    );
  }
}

function whoCanCommand(ctx: CommandContext): Command {
  const cmd = new Command('who-can')
    .description('List the users, groups and service accounts that RBAC lets do VERB on RESOURCE')
    .argument('<verb>', 'get, list, create, delete, impersonate, ...')
    .argument(
      '<resource>',
      'a resource, with its group and subresource when needed: secrets, pods/exec, deployments.apps',
    )
    .option('--name <name>', 'one object by name (rules limited with resourceNames count then)')
    .option('--manifests <paths...>', 'read RBAC objects from files or folders instead of the cluster');
  cmd.addHelpText(
    'after',
    `
Examples:
  ${ctx.programName} audit who-can get secrets -n grist
  ${ctx.programName} audit who-can create pods/exec -n production
  ${ctx.programName} audit who-can '*' '*' -o json
  ${ctx.programName} audit who-can list secrets --manifests k8s/rbac/

Without -n, every binding counts and SCOPE tells where it applies. Members of the group
system:masters can do everything whatever the bindings say.`,
  );
  cmd.action(async (verb: string, resource: string, opts: Record<string, unknown>, self: Command) => {
    const g = globalOptions(self.optsWithGlobals());
    const parsed = audit.parseResource(resource);
    let objects: audit.AuditObject[];
    const manifests = opts['manifests'] as string[] | undefined;
    if (manifests !== undefined) {
      const r = await audit.loadManifestPaths(manifests);
      const bad = r.notes.find((n) => n.kind === 'input-error');
      if (bad !== undefined) {
        throw new QuaiError('INPUT_INVALID', bad.message, {
          location: {
            ...(bad.file === undefined ? {} : { file: bad.file }),
            ...(bad.line === undefined ? {} : { line: bad.line }),
            ...(bad.column === undefined ? {} : { column: bad.column }),
          },
          ...(bad.hint === undefined ? {} : { hint: bad.hint }),
        });
      }
      objects = r.objects;
    } else {
      const client = await connect(ctx, g);
      try {
        const r = await audit.loadClusterObjects(client, { kinds: audit.RBAC_KINDS, signal: ctx.signal });
        const skipped = r.notes[0];
        if (skipped !== undefined) {
          throw new QuaiError('FORBIDDEN', skipped.message, {
            hint: 'who-can needs to list Roles, ClusterRoles and their bindings.',
          });
        }
        objects = r.objects;
      } finally {
        client.close();
      }
    }
    const name = opts['name'] as string | undefined;
    const entries = audit.whoCan(objects, {
      verb,
      group: parsed.group,
      resource: parsed.resource,
      ...(parsed.subresource === undefined ? {} : { subresource: parsed.subresource }),
      ...(name === undefined ? {} : { name }),
      ...(g.namespace === undefined ? {} : { namespace: g.namespace }),
    });
    print(
      ctx.io,
      g.output,
      { verb, resource: parsed, namespace: g.namespace ?? null, subjects: entries },
      () =>
        entries.length === 0
          ? `Nobody is bound to ${verb} ${resource}${g.namespace === undefined ? '' : ` in ${g.namespace}`} (besides system:masters).`
          : table(
              ['KIND', 'SUBJECT', 'SCOPE', 'ROLE', 'BINDING'],
              entries.map((e) => [
                e.subject.kind,
                e.subject.kind === 'ServiceAccount'
                  ? `${e.subject.namespace ?? ''}/${e.subject.name}`
                  : e.subject.name,
                e.scope,
                `${e.role.kind}/${e.role.name}`,
                `${e.binding.kind}/${e.binding.namespace === undefined ? '' : `${e.binding.namespace}/`}${e.binding.name}`,
              ]),
            ),
    );
  });
  return cmd;
}

export const auditCommand: CommandModule = {
  name: 'audit',
  register(parent, ctx) {
    const cmd = parent
      .command('audit')
      .description('Audit manifests or a live cluster: Pod Security Standards, best practices, RBAC risks')
      .argument('[paths...]', 'files or folders of YAML or JSON manifests; - reads standard input')
      .option('--cluster', 'audit the live objects of the cluster (all namespaces, or those -n a,b names)')
      .addOption(
        new Option('--level <level>', 'Pod Security Standards level')
          .choices(['baseline', 'restricted'])
          .default('restricted'),
      )
      .option(
        '--pss-version <version>',
        "policy version: latest or v1.N (default: latest; with --cluster the cluster's)",
        pssVersionArg,
      )
      .option(
        '--kubernetes-version <version>',
        `target Kubernetes version for removed APIs (default 1.${audit.DEFAULT_KUBERNETES_MINOR}; with --cluster the cluster's)`,
        kubernetesVersionArg,
      )
      .addOption(
        new Option('--severity-threshold <severity>', 'lowest severity that fails the audit (exit 1)')
          .choices(audit.SEVERITIES)
          .default('medium'),
      )
      .option(
        '--checks <families>',
        'only these families of checks, comma-separated: pod-security, best-practice, rbac',
        checksArg,
      )
      .option('--exceptions <file>', 'central exceptions file (YAML, see docs/audit.md#exceptions)')
      .addOption(
        new Option('--format <format>', 'report format on standard output (default text)').choices(
          audit.REPORT_FORMATS,
        ),
      )
      .option(
        '--report <format=file>',
        'also write a report to a file (repeatable): sarif=quai.sarif',
        reportArg,
      );
    cmd.addHelpText(
      'after',
      `
Examples:
  ${ctx.programName} audit k8s/                                  # every *.yaml, *.yml, *.json below k8s/
  helm template ./chart | ${ctx.programName} audit - --level baseline
  ${ctx.programName} audit k8s/ --checks pod-security --pss-version v1.36  # what admission will refuse
  ${ctx.programName} audit --cluster -n grist --format markdown --lang fr > audit.md
  ${ctx.programName} audit k8s/ --exceptions audit-exceptions.yaml --severity-threshold high \\
      --report sarif=quai.sarif --report junit=quai-junit.xml --report gitlab-codequality=gl-code-quality.json
  ${ctx.programName} audit who-can get secrets -n grist

Exit codes: 0 nothing at or above the threshold, 1 findings at or above it,
2 usage or input errors (malformed documents are reported with file, line and column,
and every other document is still audited).`,
    );
    cmd.addCommand(whoCanCommand(ctx));
    cmd.action(async (paths: string[], opts: Record<string, unknown>, self: Command) => {
      const g = globalOptions(self.optsWithGlobals());
      await runAudit(ctx, g, paths, {
        ...(opts['cluster'] === true ? { cluster: true } : {}),
        level: opts['level'] as audit.PssLevel,
        ...(typeof opts['pssVersion'] === 'string' ? { pssVersion: opts['pssVersion'] } : {}),
        ...(typeof opts['kubernetesVersion'] === 'string'
          ? { kubernetesVersion: opts['kubernetesVersion'] }
          : {}),
        severityThreshold: opts['severityThreshold'] as audit.Severity,
        ...(typeof opts['exceptions'] === 'string' ? { exceptions: opts['exceptions'] } : {}),
        ...(typeof opts['format'] === 'string' ? { format: opts['format'] as Format } : {}),
        ...(Array.isArray(opts['report'])
          ? { report: opts['report'] as { format: Format; file: string }[] }
          : {}),
        lang: ctx.lang,
        ...(Array.isArray(opts['checks'])
          ? { checks: opts['checks'] as ('pod-security' | 'best-practice' | 'rbac')[] }
          : {}),
      });
    });
  },
};
