import type { Found } from '../types.ts';

/**
 * Where readings overlap keep the longest ("Monday, Oct. 26" over "Monday"; "two weeks ago"
 * over "two weeks"); on equal length, the parser listed first. Returned in text order.
 */
export function removeOverlaps(found: Found[]): Found[] {
  const ranked = found
    .map((f, i) => ({ f, i }))
    .sort((a, b) => b.f.end - b.f.start - (a.f.end - a.f.start) || (a.f.rank ?? 0) - (b.f.rank ?? 0) || a.i - b.i);
  const kept: Found[] = [];
  for (const { f } of ranked) {
    if (kept.some((k) => k.start < f.end && f.start < k.end)) continue;
    kept.push(f);
  }
  return kept.sort((a, b) => a.start - b.start);
}
