import type { Range } from '../../doc.ts';

/**
 * Items (mentions, places, times) grouped by the sentence that holds them, in one pass over both
 * sorted lists: per-sentence work then costs the sentence's own items, not the document's, which
 * keeps long documents linear.
 */
export function bySentence<T extends Range>(items: readonly T[], sentences: readonly Range[]): T[][] {
  const sorted = [...items].sort((a, b) => a.start - b.start);
  const out: T[][] = sentences.map(() => []);
  let i = 0;
  for (let s = 0; s < sentences.length; s++) {
    const sent = sentences[s];
    while (i < sorted.length && sorted[i].start < sent.start) i++;
    for (let j = i; j < sorted.length && sorted[j].start < sent.end; j++) if (sorted[j].end <= sent.end) out[s].push(sorted[j]);
  }
  return out;
}
