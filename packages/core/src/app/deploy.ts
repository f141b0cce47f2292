import {
  msg,
  worstOutcome,
  type deployUseCases,
  type Message,
  type Outcome,
  type RequestOf,
  type ResultOf,
} from '@quai/contracts';
import * as deploy from '../deploy/index.js';
import { QuaiError } from '../errors/index.js';
import type { KubeObject } from '../kube/index.js';
import { render } from '../render/index.js';
import type { AppContext } from './context.js';
import { loadApp, loadPlatformOf, loadSecrets, resolveTarget, type Target } from './inputs.js';

type Req<K extends string> = RequestOf<(typeof deployUseCases)[`deploy.${K}` & keyof typeof deployUseCases]>;
type Res<K extends string> = ResultOf<(typeof deployUseCases)[`deploy.${K}` & keyof typeof deployUseCases]>;

/** The environments where a failed rollout is rolled back by default: production. */
export function isProduction(environment: string): boolean {
  return environment === 'prod' || environment === 'production';
}

interface RenderedApp {
  readonly target: Target;
  readonly objects: readonly KubeObject[];
}

/** Renders each app spec of the request for its environment: what plan and apply work on. */
async function renderRequest(ctx: AppContext, req: Req<'plan'>): Promise<RenderedApp[]> {
  const platform = await loadPlatformOf(ctx, req.platform);
  const secrets = await loadSecrets(ctx, req.secrets);
  const out: RenderedApp[] = [];
  for (const source of req.apps) {
    const app = await loadApp(ctx, source);
    const r = render({ app, platform, environment: req.environment, ...(secrets ? { secrets } : {}) });
    out.push({
      target: { app: app.metadata.name, environment: req.environment, namespace: r.namespace },
      objects: r.objects,
    });
  }
  return out;
}

function text(value: string | Message): Message {
  return typeof value === 'string' ? msg('common.text', { text: value }) : value;
}

/** Turns the deploy engine's events into the one progress event type. */
function reporter(ctx: AppContext, scope: string | undefined): (e: deploy.DeployEvent) => void {
  const at = scope === undefined ? {} : { scope };
  return (e) => {
    switch (e.kind) {
      case 'step':
        ctx.progress({ kind: 'step', message: text(e.message), ...at });
        return;
      case 'applied':
        if (e.action !== 'unchanged') {
          ctx.progress({
            kind: 'step',
            message: msg('deploy.progress.applied', {
              object: e.object,
              action: msg(`deploy.action.${e.action}`),
            }),
            ...at,
          });
        }
        return;
      case 'pruned':
        ctx.progress({
          kind: 'step',
          message: msg('deploy.progress.applied', { object: e.object, action: msg('deploy.action.pruned') }),
          ...at,
        });
        return;
      case 'progress': {
        const ready = e.states.filter((s) => s.readiness.state === 'ready').length;
        const waiting = e.states.find((s) => s.readiness.state !== 'ready');
        ctx.progress({
          kind: 'count',
          message: msg('deploy.progress.ready', { ready, total: e.states.length }),
          done: ready,
          total: e.states.length,
          unit: 'items',
          ...at,
        });
        if (waiting !== undefined) {
          ctx.progress({
            kind: 'status',
            message: msg('deploy.progress.waiting', {
              object: waiting.object,
              detail: text(waiting.readiness.message),
            }),
            ...at,
          });
        }
        return;
      }
    }
  };
}

function hasChanges(p: deploy.Plan): boolean {
  const s = p.summary;
  return s.create + s.update + s.delete + s.conflict + s.owned + s.invalid > 0;
}

export async function plan(req: Req<'plan'>, ctx: AppContext): Promise<Outcome<Res<'plan'>>> {
  const apps = await renderRequest(ctx, req);
  const client = await ctx.kube();
  const plans: deploy.Plan[] = [];
  for (const a of apps) {
    plans.push(
      await deploy.plan(client, a.target, a.objects, {
        force: req.forceConflicts,
        takeOwnership: req.takeOwnership,
        signal: ctx.signal,
      }),
    );
  }
  return { outcome: plans.some(hasChanges) ? 'changes' : 'ok', result: plans };
}

export async function apply(req: Req<'apply'>, ctx: AppContext): Promise<Outcome<Res<'apply'>>> {
  const apps = await renderRequest(ctx, req);
  const client = await ctx.kube();
  const rollbackOnFailure = req.rollbackOnFailure ?? isProduction(req.environment);
  const message = req.message ?? req.reason;
  const results = await Promise.all(
    apps.map((a) =>
      deploy.apply(client, a.target, a.objects, {
        force: req.forceConflicts,
        takeOwnership: req.takeOwnership,
        prune: req.prune,
        wait: req.wait,
        timeoutMs: req.timeoutMs,
        rollbackOnFailure,
        ...(message === undefined ? {} : { message }),
        signal: ctx.signal,
        ...(ctx.settings.now === undefined ? {} : { now: ctx.settings.now }),
        onEvent: reporter(ctx, apps.length > 1 ? a.target.app : undefined),
      }),
    ),
  );
  return {
    outcome: worstOutcome(results.map((r) => (r.status === 'deployed' ? 'ok' : 'failed'))),
    result: results,
  };
}

export async function rollback(req: Req<'rollback'>, ctx: AppContext): Promise<Outcome<Res<'rollback'>>> {
  const target = await resolveTarget(ctx, req.app, req);
  const secrets = await loadSecrets(ctx, req.secrets);
  const client = await ctx.kube();
  const result = await deploy.rollback(client, target, {
    ...(req.to === undefined ? {} : { to: req.to }),
    ...(secrets === undefined ? {} : { secrets }),
    timeoutMs: req.timeoutMs,
    ...(req.reason === undefined ? {} : { message: req.reason }),
    signal: ctx.signal,
    onEvent: reporter(ctx, undefined),
  });
  return { outcome: result.status === 'deployed' ? 'ok' : 'failed', result };
}

export async function status(req: Req<'status'>, ctx: AppContext): Promise<Outcome<Res<'status'>>> {
  const client = await ctx.kube();
  const statuses: deploy.AppStatus[] = [];
  for (const ref of req.apps) {
    statuses.push(await deploy.status(client, await resolveTarget(ctx, ref, req), ctx.signal));
  }
  return { outcome: statuses.every((s) => s.healthy) ? 'ok' : 'unhealthy', result: statuses };
}

export async function history(req: Req<'history'>, ctx: AppContext): Promise<Outcome<Res<'history'>>> {
  const target = await resolveTarget(ctx, req.app, req);
  const client = await ctx.kube();
  const revisions = await deploy.listRevisions(client, target.namespace, target.app, ctx.signal);
  if (revisions.length === 0) {
    throw new QuaiError(
      'NOT_FOUND',
      msg('deploy.noRevision', { app: target.app, namespace: target.namespace }),
      {
        hint: msg('deploy.noRevisionHint'),
      },
    );
  }
  return { outcome: 'ok', result: [...revisions] };
}
