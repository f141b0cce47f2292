import type { IncomingMessage } from 'node:http';
import { msg } from '@quai/contracts';
import { QuaiError } from '../errors/index.js';
import { apiErrorFrom, type ApiStatus } from './api-error.js';
import type { KubeObject } from './types.js';

export interface WatchOptions {
  readonly namespace?: string;
  readonly labelSelector?: string;
  readonly fieldSelector?: string;
  /** Where to start: the resourceVersion of a list (or of the last event seen). */
  readonly resourceVersion?: string;
  /** Ask for BOOKMARK events, which move the resourceVersion on without a change (default true). */
  readonly allowWatchBookmarks?: boolean;
  /** The server ends the watch after this long (clients then watch again from where they were). */
  readonly timeoutSeconds?: number;
  readonly signal?: AbortSignal;
}

/** One change the server reports; a BOOKMARK only carries the resourceVersion reached. */
export type WatchEvent<T extends KubeObject = KubeObject> =
  | { readonly type: 'ADDED' | 'MODIFIED' | 'DELETED'; readonly object: T }
  | { readonly type: 'BOOKMARK'; readonly resourceVersion: string };

interface RawEvent {
  readonly type?: string;
  readonly object?: KubeObject | ApiStatus;
}

/**
 * Reads a watch answer: one JSON event a line. An ERROR event becomes the KubeApiError it carries
 * (410 Gone when the resourceVersion is too old); a connection cut midway becomes
 * CLUSTER_UNREACHABLE; the end of the answer (the server's timeout) ends the iteration.
 */
export async function* watchStream<T extends KubeObject>(
  res: IncomingMessage,
  request: { apiVersion: string; kind: string; path: string; signal?: AbortSignal },
): AsyncGenerator<WatchEvent<T>> {
  let buffer = '';
  const description = { method: 'WATCH', path: request.path };
  res.setEncoding('utf8');
  try {
    for await (const chunk of res) {
      buffer += chunk as string;
      let newline: number;
      while ((newline = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, newline).trim();
        buffer = buffer.slice(newline + 1);
        if (line === '') continue;
        const event = JSON.parse(line) as RawEvent;
        switch (event.type) {
          case undefined:
            break;
          case 'ADDED':
          case 'MODIFIED':
          case 'DELETED':
            yield {
              type: event.type,
              object: { ...(event.object as T), apiVersion: request.apiVersion, kind: request.kind },
            };
            break;
          case 'BOOKMARK':
            yield {
              type: 'BOOKMARK',
              resourceVersion: (event.object as KubeObject | undefined)?.metadata.resourceVersion ?? '',
            };
            break;
          case 'ERROR': {
            const status = event.object as ApiStatus | undefined;
            throw apiErrorFrom(status?.code ?? 500, JSON.stringify(status ?? {}), description);
          }
          default:
            break;
        }
      }
    }
  } catch (error) {
    if (request.signal?.aborted) throw request.signal.reason as Error;
    if (error instanceof QuaiError || error instanceof SyntaxError) throw error;
    throw new QuaiError(
      'CLUSTER_UNREACHABLE',
      msg('kube.watchCut', { kind: request.kind, path: request.path }),
      {
        hint: msg('kube.watchCutHint'),
        cause: error,
      },
    );
  } finally {
    res.destroy();
  }
}
