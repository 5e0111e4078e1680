import type { Parser } from '../../../types.ts';
import { textBefore, wordPattern } from '../words.ts';

/**
 * Times named only by their relation to the present (TIMEX3 PRESENT_REF, PAST_REF, FUTURE_REF):
 * "now", "currently", "at present", "recently", "the past", "soon", "the future", "the near term".
 */
const PRESENT = '(?:right\\s+)?now|currently|current|presently|at\\s+present|nowadays|these\\s+days|the\\s+moment';
// Bare adjectives ("recent moves", "future earnings", "a previously announced pact") are left out:
// they qualify a noun more often than they place anything in time.
const PAST = '(?:more\\s+|most\\s+|only\\s+|very\\s+)?recently|lately|previously|the\\s+past|the\\s+time';
const FUTURE = 'soon|the\\s+(?:near\\s+|distant\\s+)?future|the\\s+(?:near|short|long|medium)\\s+term|shortly|later\\s+on';

export const vague: Parser = {
  name: 'vague',
  pattern: wordPattern(`(${PRESENT})|(${PAST})|(${FUTURE})`),
  extract(m, ctx) {
    const [, present, past, future] = m;
    const before = textBefore(ctx.text, m.index);
    const after = ctx.text.slice(m.index + m[0].length);
    if (present) {
      const w = present.toLowerCase();
      if (w === 'the moment' && !/\b(?:at|for)\s+$/i.test(before)) return null;
      // "now" as a discourse particle ("Now, the question is") is still the present in news.
      if (w === 'current' && /^\s+(?:of|account|affairs)\b/i.test(after)) return null;
      return { type: 'DATE', value: 'PRESENT_REF' };
    }
    if (past) {
      const w = past.toLowerCase();
      // "the time" only as "at the time"; "the past" not in "the past two months" (a duration).
      if (w === 'the time' && !/\bat\s+$/i.test(before)) return null;
      // "a previously announced pact", "the recently adopted resolution": the adverb qualifies a word.
      if (/previously|recently/.test(w) && /^\s+[a-z]+(?:ed|en)\s+[a-z]/.test(after) && /\b(?:the|a|an|its|their|his|her|our|this|that)\s+$/i.test(before)) return null;
      if (w === 'the past' && /^\s+[\p{L}\p{N}]/u.test(after) && !/^\s+(?:and|but|or|as|when|is|was|has|had|have|are|were)\b/i.test(after)) return null;
      return { type: 'DATE', value: 'PAST_REF' };
    }
    if (future) {
      // "as soon as", "soon after the raid", "shortly before": relative to another event.
      if (/\bas\s+$/i.test(before) || /^\s+(?:after|before|as|thereafter)\b/i.test(after)) return null;
      return { type: 'DATE', value: 'FUTURE_REF' };
    }
    return null;
  },
};
