import { createHash } from 'node:crypto';

/**
 * Wire copies: the same agency text (AFP, Reuters, SANA) run by several outlets. A copy is not
 * independent corroboration, so the grade counts a group of copies once and lists them.
 *
 * Each report keeps a fingerprint of the words that report the event (its evidence sentences):
 * the hashes of its word 5-grams. Two reports are copies when at least `COPY_SIMILARITY` of the
 * smaller set is in the other (the overlap coefficient, not Jaccard: an outlet that runs the wire
 * text cut down, or with its own dateline, still copies it). Two outlets writing the same facts in
 * their own words share few runs of five words.
 */
const SHINGLE = 5;
/** Enough for a report's few evidence sentences; longer evidence keeps its first shingles. */
const MAX_SHINGLES = 200;
export const COPY_SIMILARITY = 0.6;

function hash(s: string): string {
  return createHash('sha1').update(s).digest().readUInt32BE(0).toString(36);
}

/** The fingerprint of a report's evidence text; null when it has too few words to tell. */
export function fingerprint(text: string): string | null {
  const words = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  if (words.length < SHINGLE + 3) return null;
  const out = new Set<string>();
  for (let i = 0; i + SHINGLE <= words.length && out.size < MAX_SHINGLES; i++) out.add(hash(words.slice(i, i + SHINGLE).join(' ')));
  return [...out].join('.');
}

/** The share of the smaller fingerprint's 5-grams that the other has. */
export function similarity(a: string, b: string): number {
  const x = new Set(a.split('.'));
  const y = new Set(b.split('.'));
  const [small, big] = x.size <= y.size ? [x, y] : [y, x];
  let shared = 0;
  for (const h of small) if (big.has(h)) shared++;
  return small.size ? shared / small.size : 0;
}

export function areCopies(a: string | null | undefined, b: string | null | undefined): boolean {
  return !!a && !!b && similarity(a, b) >= COPY_SIMILARITY;
}
