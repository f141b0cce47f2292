import { createReadStream } from 'node:fs';
import { resolve } from 'node:path';
import {
  msg,
  type auditUseCases,
  type Message,
  type DocumentSource,
  type ManifestSource,
  type PlatformConfig,
  type Lang,
  type Outcome,
  type RequestOf,
  type ResultOf,
} from '@quai/contracts';
import * as audit from '../audit/index.js';
import { QuaiError } from '../errors/index.js';
import type { KubeClient, KubeObject } from '../kube/index.js';
import { isCalendarDate, compareText } from '../util/index.js';
import type { AppContext } from './context.js';
import { loadApp, loadPlatformOf, readDocument } from './inputs.js';

/*
 * The audit's use cases. Objects are read and audited one at a time (memory stays bounded
 * whatever the input's size); the result carries the summary and the first findings, and the
 * report files the request names are written from the same run, streamed, each atomically.
 * Paths (manifests, reports) need a front end with file access: the CLI. The HTTP API sends
 * manifests inline and reads the findings from the result.
 */

type Req<K extends string> = RequestOf<(typeof auditUseCases)[`audit.${K}` & keyof typeof auditUseCases]>;
type Res<K extends string> = ResultOf<(typeof auditUseCases)[`audit.${K}` & keyof typeof auditUseCases]>;
type AuditResult = Res<'manifests'>;
type Common = Req<'manifests'> | Req<'cluster'>;

/** Objects audited between two progress counts. */
const PROGRESS_EVERY = 10_000;

/** A note's text as a message: a text from elsewhere (a parser's, an API server's) is shown as it is. */
function asMessage(text: Message | string): Message {
  return typeof text === 'string' ? msg('common.text', { text }) : text;
}

function needFiles(ctx: AppContext, path: string): void {
  if (ctx.settings.files === undefined) {
    throw new QuaiError('USAGE', msg('audit.noFileAccess', { path }), { hint: msg('app.noFileAccessHint') });
  }
}

/** The report targets, checked before anything runs: file access, one report per file. */
function reportTargets(ctx: AppContext, req: Common): { format: audit.ReportFormat; file: string }[] {
  const seen = new Set<string>();
  return req.reports.map((r) => {
    if (ctx.settings.files === undefined) {
      throw new QuaiError('USAGE', msg('audit.noReportAccess', { file: r.file }), {
        hint: msg('audit.noReportAccessHint'),
      });
    }
    const file = resolve(r.file);
    if (seen.has(file)) throw new QuaiError('USAGE', msg('audit.reportSameFile', { file: r.file }));
    seen.add(file);
    return { format: r.format, file: r.file };
  });
}

async function exceptionsOf(ctx: AppContext, req: Common): Promise<audit.ExceptionRule[]> {
  if (req.exceptions === undefined) return [];
  const doc = await readDocument(ctx, req.exceptions, msg('model.what.exceptionsFile'));
  return audit.parseExceptionsFile(doc.text, doc.name);
}

/** Quai's version, as the front end names itself to the cluster (`quai/1.2.3`). */
function toolVersion(ctx: AppContext): string {
  return /^quai\/(.+)$/.exec(ctx.settings.cluster.userAgent)?.[1] ?? '0.0.0';
}

function streamOptions(
  ctx: AppContext,
  req: Common,
  exceptions: readonly audit.ExceptionRule[],
  source: 'manifests' | 'cluster',
  versions: { pssVersion?: string | undefined; kubernetesVersion?: string | undefined },
): audit.StreamOptions {
  return {
    level: req.level,
    ...(versions.pssVersion === undefined ? {} : { pssVersion: versions.pssVersion }),
    ...(versions.kubernetesVersion === undefined ? {} : { kubernetesVersion: versions.kubernetesVersion }),
    severityThreshold: req.severityThreshold,
    exceptions,
    toolVersion: toolVersion(ctx),
    source,
    signal: ctx.signal,
    ...(req.checks === undefined ? {} : { categories: req.checks }),
    ...(ctx.settings.now === undefined ? {} : { now: ctx.settings.now() }),
  };
}

/** Counts objects as they go by, for progress. */
async function* counted<T>(ctx: AppContext, items: AsyncIterable<T>, isObject: (x: T) => boolean) {
  let n = 0;
  for await (const x of items) {
    if (isObject(x) && ++n % PROGRESS_EVERY === 0)
      ctx.progress({
        kind: 'count',
        message: msg('audit.progress.audited', { count: n }),
        done: n,
        unit: 'items',
      });
    yield x;
  }
}

/**
 * The result and the report files of a finished run: every report is written from the run's
 * findings (read again from its spool), then the first `maxFindings` go into the result.
 */
async function finish(
  ctx: AppContext,
  run: audit.AuditRun,
  req: Common,
  targets: readonly { format: audit.ReportFormat; file: string }[],
  source: 'manifests' | 'cluster',
  cluster?: { context: string; version: string },
): Promise<Outcome<AuditResult>> {
  const lang: Lang = ctx.settings.lang;
  const h = run.header;
  const reports: AuditResult['reports'][number][] = [];
  if (targets.length > 0)
    ctx.progress({ kind: 'step', message: msg('audit.progress.reports', { count: targets.length }) });
  for (const t of targets) {
    try {
      const parts = audit.reportChunks(run, t.format, lang);
      const files = ctx.settings.files;
      const bytes = await (files?.writeReport === undefined
        ? audit.writeReportFile(t.file, parts, ctx.signal)
        : files.writeReport(t.file, parts, ctx.signal));
      reports.push({ ...t, bytes });
    } catch (e) {
      if (e instanceof QuaiError || ctx.signal.aborted) throw e;
      throw new QuaiError(
        'INPUT_INVALID',
        msg('audit.reportFailed', { format: t.format, file: t.file, reason: (e as Error).message }),
        { location: { file: t.file }, hint: msg('audit.reportFailedHint'), cause: e },
      );
    }
  }
  const findings: audit.Finding[] = [];
  let total = 0;
  for (const f of run.findings()) {
    if (total++ < req.maxFindings) findings.push(f);
    else break;
  }
  const inputErrors = h.notes.filter((n) => n.kind === 'input-error');
  const result: AuditResult = {
    tool: h.tool,
    generatedAt: h.generatedAt,
    source,
    ...(cluster === undefined ? {} : { cluster }),
    options: h.options,
    summary: h.summary,
    findings,
    truncated: total > req.maxFindings,
    notes: h.notes,
    checks: h.checks.map((c) => ({ id: c.id, category: c.category, severity: c.severity, title: c.title })),
    reports,
  };
  return {
    outcome: inputErrors.length > 0 ? 'partial' : h.summary.failing > 0 ? 'findings' : 'ok',
    result,
  };
}

/** Nothing could be audited: an error, not a result (an empty input must not pass a CI gate). */
function refuseEmpty(h: audit.AuditHeader, empty: () => QuaiError): void {
  if (h.summary.objects > 0) return;
  const errors = h.notes.filter((n) => n.kind === 'input-error');
  const first = errors[0];
  if (first === undefined) throw empty();
  throw new QuaiError(
    'INPUT_INVALID',
    msg('audit.allInputsInvalid', {
      count: errors.length,
      message: first.message,
    }),
    {
      location: {
        ...(first.file === undefined ? {} : { file: first.file }),
        ...(first.line === undefined ? {} : { line: first.line }),
        ...(first.column === undefined ? {} : { column: first.column }),
      },
      hint: first.hint === undefined ? msg('audit.allInputsInvalidHint') : asMessage(first.hint),
    },
  );
}

/** A file's bytes, opened only when read (a source never read leaves no open file behind). */
async function* lazyRead(path: string): AsyncGenerator<Buffer> {
  yield* createReadStream(path, { highWaterMark: 256 * 1024 }) as AsyncIterable<Buffer>;
}

/**
 * What manifest sources hold: files, folders and inline YAML to read (streamed), and the objects
 * of app specs, rendered as `quai apply` would deploy them (read first, so that a bad spec stops
 * the audit before it runs).
 */
async function sourcesOf(
  ctx: AppContext,
  sources: readonly ManifestSource[],
  options: { readonly environment: string; readonly platform: DocumentSource | undefined },
): Promise<{ inputs: audit.ManifestInput[]; rendered: audit.AuditObject[] }> {
  const inputs: audit.ManifestInput[] = [];
  const rendered: audit.AuditObject[] = [];
  let platform: PlatformConfig | undefined;
  for (const s of sources) {
    if ('path' in s) {
      needFiles(ctx, s.path);
      inputs.push(
        s.name === undefined
          ? { kind: 'path', path: s.path }
          : { kind: 'stream', name: s.name, stream: lazyRead(s.path) },
      );
    } else if ('yaml' in s) inputs.push({ kind: 'text', name: s.name ?? '(manifests)', text: s.yaml });
    else {
      platform ??= await loadPlatformOf(ctx, options.platform);
      const app = await loadApp(ctx, s.appSpec);
      // Loaded only when an app spec is audited: an audit of manifests does not need it.
      const render = await import('../render/index.js');
      const r = render.render({ app, platform, environment: options.environment });
      for (const object of render.sortObjects(r.objects)) rendered.push({ object });
    }
  }
  return { inputs, rendered };
}

/** Audits manifests: files and folders, inline YAML, and app specs rendered as Quai deploys them. */
export async function manifests(req: Req<'manifests'>, ctx: AppContext): Promise<Outcome<Res<'manifests'>>> {
  const targets = reportTargets(ctx, req);
  const exceptions = await exceptionsOf(ctx, req);
  const { inputs, rendered } = await sourcesOf(ctx, req.sources, {
    environment: req.environment,
    platform: req.platform,
  });
  async function* all(): AsyncGenerator<audit.AuditObject | audit.AuditNote> {
    if (inputs.length > 0) yield* audit.readManifests(inputs, { signal: ctx.signal });
    yield* rendered;
  }
  const run = await audit.auditStream(
    counted(ctx, all(), (x) => 'object' in x),
    streamOptions(ctx, req, exceptions, 'manifests', req),
  );
  try {
    refuseEmpty(
      run.header,
      () =>
        new QuaiError(
          'INPUT_INVALID',
          msg('audit.emptyManifests', {
            inputs: req.sources
              .map((s) =>
                'path' in s ? (s.name ?? s.path) : 'yaml' in s ? (s.name ?? '(manifests)') : 'app spec',
              )
              .join(', '),
          }),
          { hint: msg('audit.emptyManifestsHint') },
        ),
    );
    return await finish(ctx, run, req, targets, 'manifests');
  } finally {
    run.close();
  }
}

/** Audits the live objects of the cluster, with its own policy and API versions unless given. */
export async function cluster(req: Req<'cluster'>, ctx: AppContext): Promise<Outcome<Res<'cluster'>>> {
  const targets = reportTargets(ctx, req);
  const exceptions = await exceptionsOf(ctx, req);
  const client = await ctx.kube();
  const v = await client.version(ctx.signal);
  const minor = /^v1\.(\d+)/.exec(v.gitVersion)?.[1];
  const versions = {
    pssVersion: req.pssVersion ?? (minor === undefined ? undefined : `v1.${minor}`),
    kubernetesVersion: req.kubernetesVersion ?? (minor === undefined ? undefined : `1.${minor}`),
  };
  const namespaces = req.namespaces !== undefined && req.namespaces.length > 0 ? req.namespaces : undefined;
  ctx.progress({
    kind: 'step',
    message: msg('audit.progress.reading', {
      scope:
        namespaces === undefined
          ? msg('audit.progress.allNamespaces')
          : msg('audit.progress.namespaces', { count: namespaces.length, list: namespaces.join(', ') }),
      context: client.access.contextName,
      version: v.gitVersion,
    }),
  });
  const loaded = await audit.loadClusterObjects(client, {
    ...(namespaces === undefined ? {} : { namespaces }),
    signal: ctx.signal,
    onProgress: (m) => ctx.progress({ kind: 'step', message: m }),
  });
  ctx.progress({ kind: 'step', message: msg('audit.progress.read', { count: loaded.objects.length }) });
  const firstRefusal = loaded.notes[0];
  if (loaded.objects.length === 0 && firstRefusal !== undefined) {
    throw new QuaiError('FORBIDDEN', msg('audit.clusterForbidden', { reason: firstRefusal.message }), {
      hint: msg('audit.clusterForbiddenHint'),
    });
  }
  // Live objects have no file: report them by namespace, kind and name.
  const key = (o: audit.AuditObject): string =>
    `${o.object.metadata.namespace ?? ''}/${o.object.kind}/${o.object.metadata.name ?? ''}`;
  loaded.objects.sort((a, b) => compareText(key(a), key(b)));
  const run = await audit.auditStream(loaded.objects, {
    ...streamOptions(ctx, req, exceptions, 'cluster', versions),
    notes: loaded.notes,
  });
  try {
    refuseEmpty(
      run.header,
      () =>
        new QuaiError('INPUT_INVALID', msg('audit.emptyCluster'), { hint: msg('audit.emptyClusterHint') }),
    );
    return await finish(ctx, run, req, targets, 'cluster', {
      context: client.access.contextName,
      version: v.gitVersion,
    });
  } finally {
    run.close();
  }
}

/** Who RBAC lets do VERB on RESOURCE, from the cluster's roles and bindings or from manifests. */
export async function whoCan(req: Req<'whoCan'>, ctx: AppContext): Promise<Outcome<Res<'whoCan'>>> {
  const parsed = audit.parseResource(req.resource);
  let objects: audit.AuditObject[];
  if (req.manifests !== undefined) {
    const sources = await sourcesOf(ctx, req.manifests, { environment: 'prod', platform: undefined });
    objects = [...sources.rendered];
    for await (const x of audit.readManifests(sources.inputs, { signal: ctx.signal })) {
      if ('object' in x) {
        objects.push(x);
        continue;
      }
      if (x.kind !== 'input-error') continue;
      throw new QuaiError('INPUT_INVALID', asMessage(x.message), {
        location: {
          ...(x.file === undefined ? {} : { file: x.file }),
          ...(x.line === undefined ? {} : { line: x.line }),
          ...(x.column === undefined ? {} : { column: x.column }),
        },
        ...(x.hint === undefined ? {} : { hint: asMessage(x.hint) }),
      });
    }
  } else {
    const client = await ctx.kube();
    const r = await audit.loadClusterObjects(client, { kinds: audit.RBAC_KINDS, signal: ctx.signal });
    const refused = r.notes[0];
    if (refused !== undefined)
      throw new QuaiError('FORBIDDEN', asMessage(refused.message), { hint: msg('audit.whoCan.forbidden') });
    objects = r.objects;
  }
  const namespace = req.namespace ?? ctx.settings.cluster.namespace;
  const subjects = audit.whoCan(objects, {
    verb: req.verb,
    group: parsed.group,
    resource: parsed.resource,
    ...(parsed.subresource === undefined ? {} : { subresource: parsed.subresource }),
    ...(req.name === undefined ? {} : { name: req.name }),
    ...(namespace === undefined ? {} : { namespace }),
  });
  return {
    outcome: 'ok',
    result: {
      verb: req.verb,
      resource: {
        ...(parsed.group === undefined ? {} : { group: parsed.group }),
        resource: parsed.resource,
        ...(parsed.subresource === undefined ? {} : { subresource: parsed.subresource }),
      },
      namespace: namespace ?? null,
      subjects,
    },
  };
}

// ---- Exceptions granted and revoked on live objects ---------------------------------------------

/** The label Quai's rendered objects name their app with (the audit trail files changes by app). */
const APP_LABEL = 'app.kubernetes.io/part-of';

/** The day (YYYY-MM-DD, UTC) of a date. */
const dayOf = (d: Date): string => d.toISOString().slice(0, 10);

/** The same day one year later (29 February falls on 1 March). */
function oneYearAfter(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return dayOf(new Date(Date.UTC(y + 1, m - 1, d)));
}

function objectLabel(o: { kind: string; name: string; namespace?: string | undefined }): string {
  return `${o.kind} ${o.namespace === undefined ? '' : `${o.namespace}/`}${o.name}`;
}

/** Who acts: the signed-in person (the API), else whom the API server says the credentials are (the CLI). */
async function grantor(ctx: AppContext, client: KubeClient): Promise<string> {
  const who = ctx.settings.actor ?? (await client.whoAmI());
  if (who === '' || who === 'unknown') {
    throw new QuaiError('UNAUTHORIZED', msg('audit.exception.noGrantor'), {
      hint: msg('audit.exception.noGrantorHint'),
    });
  }
  return who;
}

/** The live object, read as the user (a refusal or a missing object stops before anything is written). */
async function liveObject(
  ctx: AppContext,
  client: KubeClient,
  ref: Req<'grantException'>['object'],
): Promise<KubeObject> {
  const found = await client.tryGet(
    {
      apiVersion: ref.apiVersion,
      kind: ref.kind,
      name: ref.name,
      ...(ref.namespace === undefined ? {} : { namespace: ref.namespace }),
    },
    ctx.signal,
  );
  if (found === undefined) {
    throw new QuaiError('NOT_FOUND', msg('audit.exception.objectNotFound', { object: objectLabel(ref) }), {
      hint: msg('audit.exception.objectNotFoundHint'),
    });
  }
  return found;
}

function targetOf(object: KubeObject): { namespace?: string; app?: string } {
  const app = object.metadata.labels?.[APP_LABEL];
  return {
    ...(object.metadata.namespace === undefined ? {} : { namespace: object.metadata.namespace }),
    ...(app === undefined ? {} : { app }),
  };
}

function refOf(object: KubeObject): Res<'grantException'>['object'] {
  return {
    apiVersion: object.apiVersion,
    kind: object.kind,
    name: object.metadata.name ?? '',
    ...(object.metadata.namespace === undefined ? {} : { namespace: object.metadata.namespace }),
  };
}

/** Retries once when the object changed between the read and the write (409 on its resourceVersion). */
async function onFreshObject<T>(
  ctx: AppContext,
  client: KubeClient,
  ref: Req<'grantException'>['object'],
  write: (object: KubeObject) => Promise<T>,
): Promise<T> {
  // The cluster's modules are imported by the use cases that reach a cluster: auditing files
  // (quai audit FILE) does not load them.
  const { KubeApiError } = await import('../kube/index.js');
  for (let attempt = 1; ; attempt++) {
    const object = await liveObject(ctx, client, ref);
    try {
      return await write(object);
    } catch (e) {
      if (!(e instanceof KubeApiError) || e.code !== 'CONFLICT' || attempt >= 3) {
        if (e instanceof KubeApiError && e.code === 'CONFLICT') {
          throw new QuaiError(
            'CONFLICT',
            msg('audit.exception.changedMeanwhile', { object: objectLabel(ref) }),
            {
              hint: msg('audit.exception.changedMeanwhileHint'),
              cause: e,
            },
          );
        }
        throw e;
      }
    }
  }
}

/**
 * Accepts the risk of a check on a live object until a day: writes the exception and who granted
 * it as two annotations, by server-side apply under its own field manager, as the user (RBAC
 * decides: patch on that object). The grantor is the signed-in person, never the request.
 */
export async function grantException(
  req: Req<'grantException'>,
  ctx: AppContext,
): Promise<Outcome<Res<'grantException'>>> {
  const info = audit.AUDIT_CHECKS.find((c) => c.id === req.check);
  if (info === undefined || info.category === 'exception') {
    throw new QuaiError('INPUT_INVALID', msg('audit.exception.unknownCheck', { check: req.check }), {
      location: { path: 'check' },
      hint: msg('audit.exception.unknownCheckHint'),
    });
  }
  const today = dayOf(ctx.settings.now?.() ?? new Date());
  const limit = oneYearAfter(today);
  if (!isCalendarDate(req.expires)) {
    throw new QuaiError('INPUT_INVALID', msg('audit.exception.badExpiry', { expires: req.expires }), {
      location: { path: 'expires' },
      hint: msg('audit.exception.expiryHint', { today, limit }),
    });
  }
  if (req.expires <= today || req.expires > limit) {
    throw new QuaiError(
      'INPUT_INVALID',
      req.expires <= today
        ? msg('audit.exception.expiryPast', { expires: req.expires })
        : msg('audit.exception.expiryTooFar', { expires: req.expires, limit }),
      { location: { path: 'expires' }, hint: msg('audit.exception.expiryHint', { today, limit }) },
    );
  }
  const client = await ctx.kube();
  const grantedBy = await grantor(ctx, client);
  const annotations = audit.exceptionAnnotations({
    check: req.check,
    expires: req.expires,
    justification: req.justification,
    grantedBy,
    grantedAt: today,
  });
  const keys = audit.exceptionKeys(req.check);
  return onFreshObject(ctx, client, req.object, async (object) => {
    const before = object.metadata.annotations ?? {};
    const previous = before[keys.exception];
    const previousGrant = before[keys.grant];
    // The resourceVersion makes the apply a precondition: it never creates an object that went
    // away since it was read, and a change made meanwhile is read again.
    await client.apply(
      {
        apiVersion: object.apiVersion,
        kind: object.kind,
        metadata: {
          name: object.metadata.name ?? req.object.name,
          ...(object.metadata.namespace === undefined ? {} : { namespace: object.metadata.namespace }),
          ...(object.metadata.resourceVersion === undefined
            ? {}
            : { resourceVersion: object.metadata.resourceVersion }),
          annotations,
        },
      },
      { fieldManager: audit.EXCEPTION_FIELD_MANAGER, force: true, signal: ctx.signal },
    );
    return {
      outcome: 'ok' as const,
      result: {
        object: refOf(object),
        check: req.check,
        expires: req.expires,
        justification: req.justification,
        grantedBy,
        grantedAt: today,
        annotations,
        fieldManager: audit.EXCEPTION_FIELD_MANAGER,
        ...(previous === undefined
          ? {}
          : {
              replaced: { value: previous, ...(previousGrant === undefined ? {} : { grant: previousGrant }) },
            }),
        target: targetOf(object),
      },
    };
  });
}

/** Escapes a key for a JSON pointer (RFC 6901): annotation keys hold `/`. */
const pointer = (key: string): string =>
  `/metadata/annotations/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;

/**
 * Revokes the exception of a check on a live object: removes both annotations, whoever wrote them,
 * with a JSON patch that first tests their values (a change made meanwhile is read again).
 */
export async function revokeException(
  req: Req<'revokeException'>,
  ctx: AppContext,
): Promise<Outcome<Res<'revokeException'>>> {
  const client = await ctx.kube();
  const keys = audit.exceptionKeys(req.check);
  return onFreshObject(ctx, client, req.object, async (object) => {
    const annotations = object.metadata.annotations ?? {};
    const removed: Record<string, string> = {};
    for (const key of [keys.exception, keys.grant]) {
      const value = annotations[key];
      if (value !== undefined) removed[key] = value;
    }
    if (Object.keys(removed).length === 0) {
      throw new QuaiError(
        'NOT_FOUND',
        msg('audit.exception.noneToRevoke', { check: req.check, object: objectLabel(req.object) }),
        { hint: msg('audit.exception.noneToRevokeHint') },
      );
    }
    const type = await client.resourceType(object.apiVersion, object.kind, ctx.signal);
    await client.request({
      method: 'PATCH',
      path: client.pathFor(type, object.metadata.namespace, object.metadata.name),
      contentType: 'application/json-patch+json',
      body: Object.entries(removed).flatMap(([key, value]) => [
        { op: 'test', path: pointer(key), value },
        { op: 'remove', path: pointer(key) },
      ]),
      query: { fieldManager: audit.EXCEPTION_FIELD_MANAGER },
      signal: ctx.signal,
    });
    return {
      outcome: 'ok' as const,
      result: { object: refOf(object), check: req.check, removed, target: targetOf(object) },
    };
  });
}

/**
 * Whether the user may write exceptions on objects of each kind and namespace asked (patch, a
 * SelfSubjectAccessReview as them): the console shows its buttons only where the API would act.
 */
export async function exceptionAccess(
  req: Req<'exceptionAccess'>,
  ctx: AppContext,
): Promise<Outcome<Res<'exceptionAccess'>>> {
  const [client, { can }] = await Promise.all([ctx.kube(), import('./view.js')]);
  const answers = new Map<string, Promise<boolean>>();
  const ask = async (o: Req<'exceptionAccess'>['objects'][number]): Promise<boolean> => {
    let type;
    try {
      type = await client.resourceType(o.apiVersion, o.kind, ctx.signal);
    } catch (e) {
      if (e instanceof QuaiError && e.code !== 'CLUSTER_UNREACHABLE') return false;
      throw e;
    }
    return can(ctx, {
      verb: 'patch',
      ...(type.group === '' ? {} : { group: type.group }),
      resource: type.resource,
      ...(type.namespaced && o.namespace !== undefined ? { namespace: o.namespace } : {}),
    });
  };
  const patch = await Promise.all(
    req.objects.map((o) => {
      const key = `${o.apiVersion}|${o.kind}|${o.namespace ?? ''}`;
      let answer = answers.get(key);
      if (answer === undefined) answers.set(key, (answer = ask(o)));
      return answer;
    }),
  );
  return { outcome: 'ok', result: { patch } };
}
