/**
 * How a key's readings are written down: one number per reading, `row << MATCH_BITS | match`, where
 * `match` says how the spelling named that row (its own name, an alternate, a pack variant, ...). The
 * in-memory indexes (a pack's spellings) and the prebuilt place index (index-file.ts) share the form.
 */

/** How a candidate's name matched the text: its own name, an alternate, a pack variant, ... */
export type MatchType = 'name' | 'alt' | 'variant' | 'demonym' | 'alias' | 'loose' | 'abbrev';

export const MATCH_BITS = 3;
export const MATCHES: MatchType[] = ['name', 'alt', 'variant', 'demonym', 'alias', 'loose', 'abbrev'];
const MATCH_MASK = (1 << MATCH_BITS) - 1;

/** Row codes under one key: a bare number for the common single row. */
export type Codes = number | number[];

export function asList(c: Codes | undefined): number[] | undefined {
  return c === undefined ? undefined : typeof c === 'number' ? [c] : c;
}

export const codeRow = (c: number): number => c >>> MATCH_BITS;
export const codeMatch = (c: number): MatchType => MATCHES[c & MATCH_MASK];

/** When one key names a row twice ("Turkish": an alternate name of Turkey and a demonym), the more telling wins. */
const RANK: Record<MatchType, number> = { variant: 6, demonym: 5, alias: 4, abbrev: 3, name: 2, alt: 1, loose: 0 };

/** Add one reading under a key: a row appears once per key, in the order first added. */
export function add(index: Map<string, Codes>, key: string, idx: number, match: MatchType): void {
  if (!key) return;
  const code = (idx << MATCH_BITS) | MATCHES.indexOf(match);
  const got = index.get(key);
  if (got === undefined) return void index.set(key, code);
  const list = typeof got === 'number' ? [got] : got;
  const at = list.findIndex((c) => c >>> MATCH_BITS === idx);
  if (at < 0) list.push(code);
  else if (RANK[match] > RANK[MATCHES[list[at] & MATCH_MASK]]) list[at] = code;
  if (list.length === 1) index.set(key, list[0]);
  else if (list !== got) index.set(key, list);
}
