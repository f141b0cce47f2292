/**
 * Orders two strings by their UTF-16 code units, as `Array.prototype.sort` does: the order of
 * Quai's output (objects in a render, rows of a report) is the same on every machine. With
 * `localeCompare` it followed the reader's locale (`LANG=da_DK.UTF-8` sorts `aa` after `z`,
 * Estonian `z` before `t`), so two machines could write the same manifests in another order; and
 * its first call loads ICU's collation data, about 8 ms of every CLI call that sorted (issue 19).
 */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
