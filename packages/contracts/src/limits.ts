/**
 * Limits every front end knows, without the schemas (the console reads them from
 * `@quai/contracts/catalog` to refuse an oversized input before sending it).
 */

/** The largest document a request may carry inline (an app spec, a compose file, a platform). */
export const MAX_INLINE_BYTES = 4 * 1024 * 1024;
