import type { z } from 'zod';
import type { Bilingual } from './i18n.js';

/**
 * What a use case is, for every front end: its request and result schemas, whether it changes
 * anything, and where the HTTP API serves it. The CLI builds requests from flags, the HTTP API
 * routes and its OpenAPI document are generated from these, and the console is typed by them.
 * core/app implements each one.
 */
export interface UseCaseSpec<Req extends z.ZodType = z.ZodType, Res extends z.ZodType = z.ZodType> {
  /** Stable id, `domain.verb`: `deploy.apply`. Also the audit trail's action name. */
  readonly id: string;
  readonly summary: Bilingual;
  readonly request: Req;
  readonly result: Res;
  /** `write` use cases are recorded in the audit trail and need a CSRF-safe call. */
  readonly effect: 'read' | 'write';
  /**
   * When the caller must give a reason (recorded in the audit trail): always, or only when the
   * request targets a production environment.
   */
  readonly reason?: 'always' | 'production';
  /** Whether the use case reports progress events (the API streams them). */
  readonly progress: boolean;
  /** Whether the HTTP API keeps each result in its history (deploys, audits, scans, backups, drills). */
  readonly history?: boolean;
  /** How the HTTP API serves it: a POST with the request as JSON body, under /api/v1. */
  readonly path: string;
}

export function defineUseCase<Req extends z.ZodType, Res extends z.ZodType>(
  spec: UseCaseSpec<Req, Res>,
): UseCaseSpec<Req, Res> {
  return spec;
}

/** The request a use case takes, once defaults are applied. */
export type RequestOf<U> = U extends UseCaseSpec<infer Req, z.ZodType> ? z.output<Req> : never;
/** What a caller may send (defaults not yet applied). */
export type RequestInputOf<U> = U extends UseCaseSpec<infer Req, z.ZodType> ? z.input<Req> : never;
/** A use case's result: read-only all the way down, so core's read-only types fit it. */
export type ResultOf<U> = U extends UseCaseSpec<z.ZodType, infer Res> ? DeepReadonly<z.output<Res>> : never;

export type DeepReadonly<T> = T extends (infer E)[]
  ? readonly DeepReadonly<E>[]
  : T extends readonly (infer E)[]
    ? readonly DeepReadonly<E>[]
    : T extends object
      ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
      : T;
