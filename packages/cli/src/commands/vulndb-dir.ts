import { tr, type Lang } from '@quai/contracts';

/**
 * The --dir flag's help, shared by `quai vulndb` and the scan commands. Apart from vulndb.ts so
 * that `quai scan image` does not load the vulndb use cases' schemas to print one help line.
 */
export const dirHelp = (l: Lang): string => tr(l, 'vulndb.flag.dir');
