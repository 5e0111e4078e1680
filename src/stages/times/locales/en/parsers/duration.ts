import type { Parser } from '../../../types.ts';
import { durationValue } from '../../../resolve.ts';
import { NUMBER, UNIT, numberValue, unitOf, textBefore, wordPattern } from '../words.ts';

/**
 * Stretches of time: "two hours" (PT2H), "the past two months" (P2M), "the first nine months",
 * "nearly three years", "up to 100 days", "two more weeks", "a week", "the next few days" (PXD),
 * "four-year campaign" (P4Y), "24-hour", "months-long" (PXM), "for years" (PXY), "recent weeks".
 * The words that bound the stretch ("the past", "nearly") belong to the span; a preposition
 * ("for", "within") does not.
 */
const LEAD = 'the\\s+last|(?:the\\s+)?(?:past|next|first|final|coming|previous|remaining|following|initial|entire|whole|full)|another|an?\\s+additional|an?\\s+further|about|around|nearly|almost|roughly|some|approximately|more\\s+than|less\\s+than|fewer\\s+than|over|under|just|only|up\\s+to|at\\s+least|at\\s+most|barely|the';
const VAGUE = '(?:a\\s+few|several|many|a\\s+number\\s+of|some|few|a\\s+couple\\s+of)';

function modFor(lead: string | undefined): string | undefined {
  const l = (lead ?? '').toLowerCase();
  if (/more than|over|at least/.test(l)) return 'MORE_THAN';
  if (/less than|fewer than|under|up to|at most|barely/.test(l)) return 'LESS_THAN';
  if (/about|around|nearly|almost|roughly|approximately|some/.test(l)) return 'APPROX';
  return undefined;
}

export const duration: Parser = {
  name: 'duration',
  trigger: /second|minute|hour|day|week|month|quarter|year|decade|centur/i,
  pattern: wordPattern(`((?:(?:${LEAD})\\s+)*)(${NUMBER}|${VAGUE})\\s+(?:more\\s+|full\\s+|straight\\s+|consecutive\\s+|long\\s+|additional\\s+)?(${UNIT})`),
  extract(m, ctx) {
    const [, lead, amount, unitW] = m;
    const unit = unitOf(unitW);
    if (!unit) return null;
    const n = numberValue(amount);
    const vague = n == null;
    const before = textBefore(ctx.text, m.index);
    const after = ctx.text.slice(m.index + m[0].length);
    const single = /^an?$/i.test(amount.trim());
    // "a day" after an amount is a frequency ("$5 million a year", "24 hours a day").
    if (single && !lead && /(?:\d|million|billion|percent|%|times|once|twice|hours|days|weeks|months)\s*$/i.test(before)) {
      return { type: 'SET', value: durationValue(1, unit) };
    }
    // An age ("37 years old"), a fraction ("a quarter of"), an ordinal ("a second group"), "one day" meaning someday.
    if (/^\s+old\b/i.test(after)) return null;
    if (unit === 'quarter' && single && (/^\s+of\b/i.test(after) || !lead)) return null;
    if (unit === 'second' && single) return null;
    if (!lead && /^one$/i.test(amount.trim()) && unit === 'day' && !/\b(?:for|in|within|after|than|only|just|of|about|by)\s+$/i.test(before)) return null;
    // A number written as a numeral must be a plain count, not part of a date ("May 5 days").
    if (!vague && n! <= 0) return null;
    // "a months-long siege": the adjective is the expression (see vagueDuration), not "a months".
    if (single && /s$/i.test(unitW)) return null;
    if (/^-/.test(after)) return null;
    const plural = /s$/i.test(unitW) && !single;
    if (!vague && n === 1 && plural && !/^\d/.test(amount)) return null;
    // "over the past two months": "over" is the preposition here, not "more than".
    const prep = /^over\s+(?=the\b)/i.exec(lead ?? '');
    const start = prep ? m.index + prep[0].length : undefined;
    return { type: 'DURATION', value: durationValue(vague ? null : n, unit), mod: modFor(prep ? lead.slice(prep[0].length) : lead), start };
  },
};

/** "four-year", "24-hour", "day-long" lengths; ages ("six-year-old") are not time expressions. */
export const durationAdjective: Parser = {
  name: 'duration-adjective',
  trigger: /-(?:second|minute|hour|day|week|month|year|decade|century)|-long/i,
  pattern: wordPattern(`(?:(${NUMBER})-)?(second|minute|hour|day|week|month|year|decade|century)(-long|-old)?`),
  extract(m) {
    const [, amount0, unitW, suffix] = m;
    // "day-long", "year-long": one unit.
    if (!amount0 && suffix?.toLowerCase() !== '-long') return null;
    const amount = amount0 ?? 'one';
    // An age ("a 6-year-old boy") is not a stretch of time in the story.
    if (suffix?.toLowerCase() === '-old') return null;
    const n = numberValue(amount.replace(/-/g, ' '));
    const unit = unitOf(unitW);
    if (n == null || !unit || /^an?$/i.test(amount)) return null;
    return { type: 'DURATION', value: durationValue(n, unit) };
  },
};

/** Unquantified stretches: "for years", "in recent weeks", "months-long", "the coming days". */
export const vagueDuration: Parser = {
  name: 'vague-duration',
  trigger: /(?:hour|day|week|month|year|decade|centurie)s/i,
  pattern: wordPattern(`the\\s+(?:coming\\s+)?(days|weeks|months|years)\\s+ahead|(?:(for|over|within|after|in)\\s+|(recent|the\\s+past|the\\s+last|the\\s+coming|the\\s+next|the\\s+following|past|coming|several|many|the\\s+past\\s+few|the\\s+last\\s+few|the\\s+next\\s+few|the\\s+coming|the\\s+first)\\s+)?(hours|days|weeks|months|years|decades|centuries)(-long)?`),
  extract(m) {
    const [, ahead, prep, lead, unitW0, long] = m;
    if (ahead) return { type: 'DURATION', value: durationValue(null, unitOf(ahead)!) };
    const unitW = unitW0;
    if (!prep && !lead && !long) return null;
    // "in recent weeks" places things in the recent past more than it measures anything.
    if (lead && /^recent$/i.test(lead)) return { type: 'DATE', value: 'PAST_REF' };
    const unit = unitOf(unitW);
    if (!unit) return null;
    // A bare plural after a preposition: "for years" yes, "in days" (soon) too; "after years of" also.
    const start = prep ? m.index + m[0].indexOf(unitW) : m.index;
    return { type: 'DURATION', value: durationValue(null, unit), start };
  },
};
