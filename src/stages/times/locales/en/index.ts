import type { Locale } from '../../types.ts';
import { englishTense } from './tense.ts';
import { chronoDates } from './parsers/chrono-dates.ts';
import { month } from './parsers/month.ts';
import { year } from './parsers/year.ts';
import { century, decade } from './parsers/decade.ts';
import { weekday } from './parsers/weekday.ts';
import { partOfDay, relativeDayParser } from './parsers/relative-day.ts';
import { relativeUnitParser } from './parsers/relative-unit.ts';
import { quarter, quarterCode } from './parsers/quarter.ts';
import { ago } from './parsers/ago.ts';
import { duration, durationAdjective, vagueDuration } from './parsers/duration.ts';
import { setAdverb, setEvery, setTimes } from './parsers/set.ts';
import { vague } from './parsers/vague.ts';
import { clockTime, dayThenClock, partOfContextDay } from './parsers/time-of-day.ts';
import { holiday } from './parsers/holiday.ts';
import { anaphoric } from './parsers/anaphoric.ts';
import { season } from './parsers/season.ts';
import { spelledYear } from './parsers/spelled-year.ts';
import { reportingPeriod } from './parsers/reporting-period.ts';
import { removeOverlaps } from '../../refiners/overlap.ts';
import { dayFromSentence } from '../../refiners/context-day.ts';
import { periodInFocus } from '../../refiners/period-in-focus.ts';
import { yearFromSentence } from '../../refiners/year-from-sentence.ts';
import { openRange } from '../../refiners/open-range.ts';

/**
 * English. Parsers are listed by priority: where two find spans of the same length, the earlier
 * one wins (chrono's calendar dates before the pattern parsers' partial readings of them).
 */
export const english: Locale = {
  name: 'en',
  sentenceParsers: [chronoDates],
  parsers: [
    dayThenClock, clockTime, quarter, quarterCode, holiday, month, decade, century, year, spelledYear, weekday, relativeDayParser,
    partOfDay, anaphoric, ago, relativeUnitParser, reportingPeriod, season, setTimes, setEvery, setAdverb, durationAdjective, duration,
    vagueDuration, partOfContextDay, vague,
  ],
  refiners: [removeOverlaps, dayFromSentence, periodInFocus, yearFromSentence, openRange(/\b(?:since|ever\s+since)\s+(?:(?:early|late|mid)[\s-]+)?(?:(?:on|the)\s+)?$/i)],
  tense: englishTense,
  reportingCue: /\b(?:said|says|told|announced|reported|stated|added|confirmed|claimed|denied|disclosed|revealed)\s+(?:\w+\s+)?(?:on\s+)?$/i,
};
