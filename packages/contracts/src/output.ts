import { z } from 'zod';
import { OUTPUT_FORMATS } from './output-formats.js';
import { MessageSchema } from './progress.js';

export { OUTPUT_FORMATS };
export const OutputFormat = z.enum(OUTPUT_FORMATS);
export type OutputFormat = z.infer<typeof OutputFormat>;

/** The JSON body of an error, as printed with `-o json` and returned by the HTTP API. */
export const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    hint: z.string().optional(),
    location: z
      .object({
        file: z.string().optional(),
        line: z.number().int().positive().optional(),
        column: z.number().int().positive().optional(),
        path: z.string().optional(),
      })
      .optional(),
    details: z.record(z.string(), z.unknown()).optional(),
    /** The message and hint as catalog messages, for clients that show another language. */
    i18n: z.object({ message: MessageSchema.optional(), hint: MessageSchema.optional() }).optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;
