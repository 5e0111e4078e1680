import { createHash } from 'node:crypto';

/**
 * Wire copies: the same agency text (AFP, Reuters, SANA) run by several outlets. A copy is not
 * independent corroboration, so the grade counts a group of copies once and lists them.
 *
 * Each report keeps a fingerprint of the words that report the event (its evidence sentences):
 * a MinHash of its word 5-grams, SLOTS values. Two reports are copies when at least
 * `COPY_SIMILARITY` of the slots agree (an estimate of the Jaccard overlap of their 5-grams):
 * copies keep whole sentences, while two outlets writing the same facts in their own words share
 * few runs of five words.
 */
const SLOTS = 16;
const SHINGLE = 5;
export const COPY_SIMILARITY = 0.5;

function hash32(s: string, seed: number): number {
  return createHash('sha1').update(`${seed}\u0000${s}`).digest().readUInt32BE(0);
}

/** The fingerprint of a report's evidence text; null when it has too few words to tell. */
export function fingerprint(text: string): string | null {
  const words = text
    .normalize('NFKD')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  if (words.length < SHINGLE + 2) return null;
  const shingles = new Set<string>();
  for (let i = 0; i + SHINGLE <= words.length; i++) shingles.add(words.slice(i, i + SHINGLE).join(' '));
  const mins = new Array<number>(SLOTS).fill(0xffffffff);
  for (const s of shingles) for (let k = 0; k < SLOTS; k++) mins[k] = Math.min(mins[k], hash32(s, k));
  return mins.map((m) => m.toString(36)).join('.');
}

export function similarity(a: string, b: string): number {
  const x = a.split('.');
  const y = b.split('.');
  if (x.length !== y.length) return 0;
  let same = 0;
  for (let i = 0; i < x.length; i++) if (x[i] === y[i]) same++;
  return same / x.length;
}

export function areCopies(a: string | null | undefined, b: string | null | undefined): boolean {
  return !!a && !!b && similarity(a, b) >= COPY_SIMILARITY;
}
