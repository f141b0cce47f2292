/** A value built on first use, then kept (schemas a command may never need, built only if it does). */
export function lazily<T>(build: () => T): () => T {
  let value: { readonly v: T } | undefined;
  return () => (value ??= { v: build() }).v;
}
