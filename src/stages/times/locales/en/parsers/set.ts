import type { Parser } from '../../../types.ts';
import { durationValue } from '../../../resolve.ts';
import { pad } from '../../../calendar.ts';
import { MONTH, NUMBER, PART, PART_OF_DAY, WEEKDAY, monthNumber, numberValue, unitOf, weekdayNumber, wordPattern } from '../words.ts';

/**
 * Recurring times (TIMEX3 SET): "daily" (P1D), "every week" (P1W), "every two weeks" (P2W),
 * "each month", "twice a year", "every Friday" (XXXX-WXX-5), "each July" (XXXX-07), "every morning".
 */
const ADVERB: Record<string, string> = {
  hourly: 'PT1H', daily: 'P1D', nightly: 'P1D', weekly: 'P1W', biweekly: 'P2W', fortnightly: 'P2W', monthly: 'P1M',
  quarterly: 'P1Q', annually: 'P1Y', yearly: 'P1Y',
};

export const setAdverb: Parser = {
  name: 'set-adverb',
  pattern: wordPattern(`(?:hourly|daily|nightly|weekly|biweekly|fortnightly|monthly|quarterly|annually|yearly)`),
  extract(m) {
    return { type: 'SET', value: ADVERB[m[0].toLowerCase()] };
  },
};

export const setEvery: Parser = {
  name: 'set-every',
  trigger: /\b(?:every|each)\b/i,
  pattern: wordPattern(`(?:every|each)\\s+(?:(other)\\s+|(${NUMBER})\\s+)?(?:(second|minute|hour|day|night|week|weekend|month|quarter|year|seconds|minutes|hours|days|weeks|months|years)|(${WEEKDAY})|(${MONTH})|(${PART}))`),
  extract(m) {
    const [, other, amount, unitW, wd, mon, part] = m;
    if (unitW) {
      const unit = unitOf(unitW === 'night' ? 'day' : unitW);
      if (!unit) return null;
      const n = other ? 2 : amount ? numberValue(amount) : 1;
      if (n == null) return null;
      return { type: 'SET', value: durationValue(n, unit) };
    }
    if (wd) return { type: 'SET', value: `XXXX-WXX-${weekdayNumber(wd)}` };
    if (mon) return { type: 'SET', value: `XXXX-${pad(monthNumber(mon)!)}` };
    if (part) return { type: 'SET', value: `XXXX-XX-XXT${PART_OF_DAY[part.toLowerCase()]}` };
    return null;
  },
};

export const setTimes: Parser = {
  name: 'set-times',
  trigger: /\b(?:once|twice|times)\b/i,
  pattern: wordPattern(`(?:once|twice|(?:${NUMBER})\\s+times)\\s+(?:a|an|per|every|each)\\s+(day|week|month|quarter|year|hour)`),
  extract(m) {
    const unit = unitOf(m[1]);
    return unit ? { type: 'SET', value: durationValue(1, unit) } : null;
  },
};
