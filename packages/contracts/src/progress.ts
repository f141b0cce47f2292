import { z } from 'zod';
import type { Message } from './i18n.js';

/** A message as data: a catalog id and its parameters (strings, numbers or nested messages). */
export const MessageSchema: z.ZodType<Message> = z.lazy(() =>
  z.object({
    id: z.string(),
    params: z.record(z.string(), z.union([z.string(), z.number(), MessageSchema])).optional(),
  }),
);

/**
 * The one progress event type of every long use case. The CLI shows steps as lines and statuses
 * and counts as a live line or bar; the HTTP API streams them as server-sent events; the console
 * shows them live.
 */
export const ProgressEvent = z.discriminatedUnion('kind', [
  /** Something done, worth a line of its own ("Deployment/web created"). */
  z.object({ kind: z.literal('step'), message: MessageSchema, scope: z.string().optional() }),
  /** The current state, replaced by the next status ("2/3 ready: web waits for ..."). */
  z.object({ kind: z.literal('status'), message: MessageSchema, scope: z.string().optional() }),
  /** A count towards a total: a progress bar (items or bytes). */
  z.object({
    kind: z.literal('count'),
    message: MessageSchema,
    done: z.number().nonnegative(),
    total: z.number().nonnegative().optional(),
    unit: z.enum(['items', 'bytes']),
    scope: z.string().optional(),
  }),
  /** Something the user should know, that does not stop the work. */
  z.object({ kind: z.literal('warning'), message: MessageSchema, scope: z.string().optional() }),
]);
export type ProgressEvent = z.infer<typeof ProgressEvent>;
