import type { Bilingual, Lang } from '@quai/contracts/catalog';

/** One language's templates of the catalog, by message id. */
export type Texts = Readonly<Record<string, string>>;

/** The templates of one language out of the bilingual catalog. */
export function textsOf(messages: Readonly<Record<string, Bilingual>>, lang: Lang): Texts {
  const out: Record<string, string> = {};
  for (const [id, entry] of Object.entries(messages)) out[id] = entry[lang];
  return out;
}
