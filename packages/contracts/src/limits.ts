/**
 * Limits every front end knows, without the schemas (the console reads them from
 * `@quai/contracts/catalog` to refuse an oversized input before sending it).
 */

/** The largest document a request may carry inline (an app spec, a compose file, a platform). */
export const MAX_INLINE_BYTES = 4 * 1024 * 1024;

/*
 * `quai scan cluster`'s result sizes (usecases/scan.ts): here, without the schemas, so that the
 * scanner (core's scan domain) reads them without loading the use cases' zod schemas.
 */

/** Vulnerabilities listed per image by default; the counts cover them all. */
export const SCAN_TOP_DEFAULT = 20;
/** Vulnerabilities listed per image at most. */
export const SCAN_TOP_MAX = 200;
/** Workloads listed per image at most (`workloadCount` counts them all). */
export const SCAN_WORKLOADS_MAX = 50;
