import type { Tense } from '../../types.ts';

/**
 * Whether a time expression sits in a past or a future clause, read from the verb cue nearest to
 * it in its sentence: "will meet on Monday" (future), "said Tuesday" (past), "who was killed
 * Friday" (past). No cue: unknown, which resolvers read as the past (news reports what happened).
 */
const FUTURE = /\b(?:will|won't|shall|'ll|going\s+to|plans?\s+to|planned\s+for|intends?\s+to|scheduled|(?:due|expected|set|slated|poised|scheduled)\s+to|as\s+soon\s+as|(?:might|could|may)\s+(?!have\b|had\b)|(?:is|are)\s+to|upcoming|next|would\s+(?:be\s+)?(?:held|hold|meet|start|begin|take\s+place|resume|visit|travel|vote))\b/gi;
const PAST = /\b(?:was|were|had|did|said|says|told|ago|last|earlier|previously|been|struck|took|met|began|came|went|fought|held|fell|broke|shot|won|lost|made|saw|gave|sent|found|kept|brought|spoke|wrote|became|stood|hit|flew|drove|overran|seized|wounded)\b/gi;
/** Regular past forms, lower case only (not "United"), and not the few common -eed/-ed nouns. */
const PAST_ED = /\b(?!(?:need|speed|seed|feed|bed|red|shed|hundred|indeed|led)\b)[a-z]{2,}ed\b/g;

export function englishTense(text: string, start: number, end: number): Tense {
  let best: Tense = 'unknown';
  let bestDist = Infinity;
  const scan = (re: RegExp, t: Tense) => {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const s = m.index;
      const e = s + m[0].length;
      if (s >= start && e <= end) continue; // the expression's own words ("next Monday") are read by its parser
      const d = e <= start ? start - e : s >= end ? s - end : 0;
      // A future auxiliary governs its whole clause: prefer it over a past cue at the same distance.
      const w = t === 'future' ? d * 0.8 : d;
      if (w < bestDist) {
        bestDist = w;
        best = t;
      }
    }
  };
  scan(FUTURE, 'future');
  scan(PAST, 'past');
  scan(PAST_ED, 'past');
  return best;
}
