import type { Tense } from '../../types.ts';

/**
 * Whether a time expression sits in a past or a future clause, read from the verb cue nearest to
 * it in its sentence: "will meet on Monday" (future), "said Tuesday" (past), "who was killed
 * Friday" (past). No cue: unknown, which resolvers read as the past (news reports what happened).
 */
const FUTURE = /\b(?:will|won't|shall|'ll|going\s+to|plans?\s+to|planned\s+for|intends?\s+to|scheduled|(?:due|expected|set|slated|poised|scheduled)\s+to|as\s+soon\s+as|ahead\s+of|(?:planned|hoped|aimed|intended|was|were|agreed|promised|vowed|threatened)\s+to\s+(?!have\b|be\s+\w+ed\b)|(?:might|may)\s+(?!have\b|had\b)|(?:is|are)\s+to|upcoming|next|would\s+(?:be\s+)?(?:held|hold|meet|start|begin|take\s+place|resume|visit|travel|vote))\b/gi;
/** A plain present ("the deadline is noon Sunday") looks ahead, when nothing else in the sentence says. */
const PRESENT = /\b(?:is|are)\b(?!\s+(?:\w+ed|been)\b)/gi;
const PAST = /\b(?:was|were|had|did|said|says|told|ago|last|earlier|previously|been|struck|took|met|began|came|went|fought|held|fell|broke|shot|won|lost|made|saw|gave|sent|found|kept|brought|spoke|wrote|became|stood|hit|flew|drove|overran|seized|wounded)\b/gi;
/** Regular past forms, lower case only (not "United"), and not the few common -eed/-ed nouns. */
const PAST_ED = /\b(?!(?:need|speed|seed|feed|bed|red|shed|hundred|indeed|led)\b)[a-z]{2,}ed\b/g;

interface Cue {
  start: number;
  end: number;
  tense: Tense;
  weak: boolean;
}

/** The cues of one sentence, found once: every expression in it asks. */
let cachedText: string | null = null;
let cachedCues: Cue[] = [];

function cuesOf(text: string): Cue[] {
  if (text === cachedText) return cachedCues;
  const cues: Cue[] = [];
  const scan = (re: RegExp, tense: Tense, weak = false) => {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) cues.push({ start: m.index, end: m.index + m[0].length, tense, weak });
  };
  scan(FUTURE, 'future');
  scan(PAST, 'past');
  scan(PAST_ED, 'past');
  scan(PRESENT, 'future', true);
  cachedText = text;
  cachedCues = cues;
  return cues;
}

export function englishTense(text: string, start: number, end: number): Tense {
  let best: Tense = 'unknown';
  let bestDist = Infinity;
  let weakBest: Tense = 'unknown';
  for (const c of cuesOf(text)) {
    if (c.start >= start && c.end <= end) continue; // the expression's own words ("next Monday") are read by its parser
    if (c.weak) {
      // "The deadline is noon Sunday": a plain present before the expression, not after it
      // ("Friday's purchases are ..." says nothing of when Friday was).
      if (c.end <= start) weakBest = c.tense;
      continue;
    }
    const d = c.end <= start ? start - c.end : c.start >= end ? c.start - end : 0;
    // A future auxiliary governs its whole clause: prefer it over a past cue at the same distance.
    const w = c.tense === 'future' ? d * 0.8 : d;
    if (w < bestDist) {
      bestDist = w;
      best = c.tense;
    }
  }
  return best === 'unknown' ? weakBest : best;
}
