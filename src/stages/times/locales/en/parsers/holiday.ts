import type { Parser } from '../../../types.ts';
import { monthDayValue, yearFor } from '../../../resolve.ts';
import { fmtDay, weekdayFrom } from '../../../calendar.ts';
import { wordPattern } from '../words.ts';

/**
 * Holidays with a fixed or computable Gregorian date: Christmas, New Year's Day, Thanksgiving
 * (US, fourth Thursday of November). Feasts on other calendars (Ramadan, Eid, Nowruz) move
 * against the Gregorian year and are left to a calendar-aware parser.
 */
const FIXED: Record<string, [number, number]> = {
  'christmas': [12, 25], 'christmas day': [12, 25], 'christmas eve': [12, 24], "new year's day": [1, 1],
  "new year's eve": [12, 31], 'new year’s day': [1, 1], 'new year’s eve': [12, 31],
};

export const holiday: Parser = {
  name: 'holiday',
  trigger: /Christmas|New Year|Thanksgiving/,
  pattern: wordPattern(`(Christmas(?:\\s+(?:Day|Eve))?|New\\s+Year['’]s\\s+(?:Day|Eve)|Thanksgiving(?:\\s+Day)?)(?:\\s+(\\d{4}))?`, 'g'),
  extract(m, ctx) {
    const [, name, y] = m;
    const key = name.toLowerCase().replace(/\s+/g, ' ');
    const tense = ctx.tense(m.index, m.index + m[0].length);
    const fixed = FIXED[key];
    if (fixed) return { type: 'DATE', value: monthDayValue(ctx.anchor, fixed[0], fixed[1], y ? +y : null, tense) };
    // Thanksgiving: the fourth Thursday of November.
    const year = y ? +y : ctx.anchor ? yearFor(ctx.anchor, 11, 25, tense) : null;
    if (year == null) return { type: 'DATE', value: 'XXXX-11-XX' };
    const first = weekdayFrom({ y: year, m: 11, d: 1 }, 4, 1, true);
    return { type: 'DATE', value: fmtDay({ ...first, d: first.d + 21 }) };
  },
};
