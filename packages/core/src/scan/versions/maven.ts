import { compareBytes, compareDigits, type Ordering, type VersionScheme } from './types.js';

/*
 * Maven versions, as Maven 3's ComparableVersion orders them (maven-artifact 3.8). A version is a
 * list of items: numbers, qualifiers (strings), and sub-lists opened by `-` (or by a change from
 * digits to letters or back). `.` separates items of one list. Trailing "null" items (0, "", ga,
 * final, release, empty lists) are dropped, so 1 == 1.0 == 1-0 == 1.ga. A qualifier after a dot
 * opens a sub-list as if after a hyphen (1.0.0.X1 < 1.0.0-X2, Maven 3.8.7 and later). Qualifiers order as
 * alpha < beta < milestone < rc = cr < snapshot < "" = ga = final < sp < any other (lexical);
 * a, b and m directly followed by a digit mean alpha, beta and milestone. Between kinds:
 * qualifier < sub-list < number, so 1-sp < 1-1 < 1.1. Matching is case-insensitive.
 */

type Item =
  | { readonly kind: 'int'; readonly digits: string }
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'list'; readonly items: Item[] };

const QUALIFIERS = ['alpha', 'beta', 'milestone', 'rc', 'snapshot', '', 'sp'];
const ALIASES: Readonly<Record<string, string>> = { ga: '', final: '', release: '', cr: 'rc' };
const RELEASE_INDEX = String(QUALIFIERS.indexOf(''));

function comparableQualifier(q: string): string {
  const i = QUALIFIERS.indexOf(q);
  return i === -1 ? `${QUALIFIERS.length}-${q}` : String(i);
}

function stringItem(value: string, followedByDigit: boolean): Item {
  let v = value;
  if (followedByDigit && v.length === 1) {
    if (v === 'a') v = 'alpha';
    else if (v === 'b') v = 'beta';
    else if (v === 'm') v = 'milestone';
  }
  return { kind: 'string', value: Object.hasOwn(ALIASES, v) ? ALIASES[v]! : v };
}

function parseItem(isDigit: boolean, buf: string): Item {
  return isDigit ? { kind: 'int', digits: buf } : stringItem(buf, false);
}

function isNull(item: Item): boolean {
  switch (item.kind) {
    case 'int':
      return /^0+$/.test(item.digits);
    case 'string':
      return comparableQualifier(item.value) === RELEASE_INDEX;
    case 'list':
      return item.items.length === 0;
  }
}

function normalize(list: Item[]): void {
  for (let i = list.length - 1; i >= 0; i--) {
    const last = list[i]!;
    if (isNull(last)) list.splice(i, 1);
    else if (last.kind !== 'list') break;
  }
}

const isDigitChar = (c: string): boolean => c >= '0' && c <= '9';

export function parseMaven(version: string): Item {
  const v = version.toLowerCase();
  const root: Item[] = [];
  let list = root;
  const stack: Item[][] = [root];
  let isDigit = false;
  let start = 0;
  const openList = (): void => {
    const next: Item[] = [];
    list.push({ kind: 'list', items: next });
    list = next;
    stack.push(next);
  };
  for (let i = 0; i < v.length; i++) {
    const c = v[i]!;
    if (c === '.' || c === '-') {
      list.push(i === start ? { kind: 'int', digits: '0' } : parseItem(isDigit, v.slice(start, i)));
      start = i + 1;
      if (c === '-') openList();
    } else if (isDigitChar(c)) {
      if (!isDigit && i > start) {
        // 1.0.0.X1 < 1.0.0-X2: a qualifier after a dot opens a sub-list, as after a hyphen.
        if (list.length > 0) openList();
        list.push(stringItem(v.slice(start, i), true));
        start = i;
        openList();
      }
      isDigit = true;
    } else {
      if (isDigit && i > start) {
        list.push(parseItem(true, v.slice(start, i)));
        start = i;
        openList();
      }
      isDigit = false;
    }
  }
  if (v.length > start) {
    if (!isDigit && list.length > 0) openList();
    list.push(parseItem(isDigit, v.slice(start)));
  }
  for (let l = stack.pop(); l !== undefined; l = stack.pop()) normalize(l);
  return { kind: 'list', items: root };
}

/** ComparableVersion's Item.compareTo, where `b` undefined is Java's null. */
function compareItem(a: Item, b: Item | undefined): Ordering {
  switch (a.kind) {
    case 'int':
      if (b === undefined) return isNull(a) ? 0 : 1;
      return b.kind === 'int' ? compareDigits(a.digits, b.digits) : 1;
    case 'string':
      if (b === undefined) return compareBytes(comparableQualifier(a.value), RELEASE_INDEX);
      if (b.kind === 'string')
        return compareBytes(comparableQualifier(a.value), comparableQualifier(b.value));
      return -1;
    case 'list': {
      if (b === undefined) {
        // Every item against null, not only the first (MNG-6964): 1-0.jre > 1.
        for (const item of a.items) {
          const c = compareItem(item, undefined);
          if (c !== 0) return c;
        }
        return 0;
      }
      if (b.kind === 'int') return -1;
      if (b.kind === 'string') return 1;
      for (let i = 0; i < Math.max(a.items.length, b.items.length); i++) {
        const l = a.items[i];
        const r = b.items[i];
        const c =
          l === undefined ? (r === undefined ? 0 : negate(compareItem(r, undefined))) : compareItem(l, r);
        if (c !== 0) return c;
      }
      return 0;
    }
  }
}

const negate = (o: Ordering): Ordering => (o === 0 ? 0 : o === 1 ? -1 : 1);

/** The canonical form, as ComparableVersion.getCanonical() prints it. */
export function canonicalMaven(version: string): string {
  const print = (items: readonly Item[]): string =>
    items
      .map((item, i) => {
        const sep = i === 0 ? '' : item.kind === 'list' ? '-' : '.';
        return (
          sep +
          (item.kind === 'int'
            ? item.digits.replace(/^0+(?=.)/, '')
            : item.kind === 'string'
              ? item.value
              : print(item.items))
        );
      })
      .join('');
  const root = parseMaven(version);
  return root.kind === 'list' ? print(root.items) : '';
}

export function compareMaven(a: string, b: string): Ordering {
  return compareItem(parseMaven(a), parseMaven(b));
}

export const mavenScheme: VersionScheme = {
  id: 'maven',
  compare: compareMaven,
  isValid: (v) => v.trim() !== '',
};
