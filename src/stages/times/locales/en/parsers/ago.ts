import type { Parser } from '../../../types.ts';
import { shiftedPoint } from '../../../resolve.ts';
import { NUMBER, UNIT, numberValue, unitOf, wordPattern } from '../words.ts';
import { fmtDay } from '../../../calendar.ts';

/**
 * A point a stretch of time from now: "two weeks ago" (a day), "six months ago" (a month),
 * "a year from now", "nearly four years ago" (APPROX). "Three days later" counts from the last
 * day the text named. A vague amount ("several years ago") is only PAST_REF / FUTURE_REF.
 */
const APPROX = '(?:about|around|nearly|almost|roughly|some|approximately|more\\s+than|less\\s+than|over|just|only|barely|at\\s+least|nearly|exactly)';

export const ago: Parser = {
  name: 'ago',
  trigger: /\b(?:ago|earlier|later|from now|hence|before|after)\b/i,
  pattern: wordPattern(`(?:(${APPROX})\\s+)?(${NUMBER}|a\\s+few|several|many|some|a\\s+number\\s+of)\\s+(${UNIT})(\\s+or\\s+so)?\\s+(ago|earlier|later|from\\s+now|hence|before|after)`),
  extract(m, ctx) {
    const [, approx, amount, unitW, orSo, dir] = m;
    const unit = unitOf(unitW);
    if (!unit) return null;
    const d = dir.toLowerCase();
    // "two days after the raid" counts from the raid: only "ago"/"from now" and sentence-final
    // "earlier"/"later"/"before"/"after" are points in time.
    if ((d === 'before' || d === 'after') && /^\s*[\p{L}\p{N}]/u.test(ctx.text.slice(m.index + m[0].length))) return null;
    const sign = /^(ago|earlier|before)$/.test(d) ? -1 : 1;
    const n = numberValue(amount);
    const mod = approx || orSo ? (/more|over|at least/i.test(approx ?? '') ? 'MORE_THAN' : /less|just|barely/i.test(approx ?? '') ? 'LESS_THAN' : 'APPROX') : undefined;
    const fromNow = /^(ago|from now|hence)$/.test(d.replace(/\s+/g, ' '));
    if (n == null) {
      // "several years ago" is only the past; "a few minutes later" is a stretch in the story (duration).
      return fromNow ? { type: 'DATE', value: sign < 0 ? 'PAST_REF' : 'FUTURE_REF' } : null;
    }
    const ref = fromNow ? ctx.anchor : ctx.lastDay;
    const value = shiftedPoint(ref, unit, sign * n);
    if (unit === 'hour' || unit === 'minute' || unit === 'second') return { type: 'TIME', value: ref ? `${fmtDay(ref)}` : value, mod };
    // "a year ago" in a sentence about a quarter means that quarter a year before (see period-in-focus).
    const yearsBack = unit === 'year' && sign < 0 && Number.isInteger(n) ? n : undefined;
    return { type: 'DATE', value, mod, yearsBack };
  },
};
