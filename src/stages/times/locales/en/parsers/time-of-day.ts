import type { Extracted, ParseContext, Parser } from '../../../types.ts';
import { relativeDay, weekdayDate } from '../../../resolve.ts';
import { fmtDay, pad } from '../../../calendar.ts';
import { PART_OF_DAY, WEEKDAY, weekdayNumber, textBefore, wordPattern } from '../words.ts';

/**
 * Clock times: "10:35 a.m.", "around 9:30 p.m.", "10 p.m. Wednesday", "noon Thursday",
 * "0600 GMT", "at 14:30", "Friday at 10 a.m.". The day is the one the phrase names, else the last
 * day the text named (a report says "on Friday ... at 10:35 a.m."), else the document date.
 */
const DAYWORD = `(?:${WEEKDAY}|today|yesterday|tomorrow|tonight)`;
const ZONE = '(?:\\s*(?:GMT|UTC|EST|EDT|CST|CDT|PST|PDT|BST|CET|local\\s+time|Baghdad\\s+time|Damascus\\s+time))';
const CLOCK = `(\\d{1,2})(?:[:.](\\d{2}))?\\s*(a\\.?\\s?m\\b\\.?|p\\.?\\s?m\\b\\.?)|(\\d{1,2})[:h](\\d{2})(?=${ZONE}|\\s+(?:hours|hrs)\\b)|([01]\\d|2[0-3])([0-5]\\d)(?=${ZONE}|\\s+(?:hours|hrs)\\b)|(noon|midday|midnight)`;
const APPROX = '(?:around|about|approximately|shortly\\s+(?:before|after)|just\\s+(?:before|after))';

function dayOf(word: string | undefined, ctx: ParseContext, at: number): { day: string | null; fromContext: boolean } {
  if (word) {
    const w = word.toLowerCase();
    const wd = weekdayNumber(w);
    if (wd != null) {
      const d = weekdayDate(ctx.anchor, wd, 0, ctx.tense(at, at + 1));
      return { day: d ? fmtDay(d) : `XXXX-WXX-${wd}`, fromContext: false };
    }
    return { day: relativeDay(ctx.anchor, w === 'yesterday' ? -1 : w === 'tomorrow' ? 1 : 0), fromContext: false };
  }
  const ref = ctx.lastDay ?? ctx.anchor;
  return { day: ref ? fmtDay(ref) : 'XXXX-XX-XX', fromContext: true };
}

function clock(m: RegExpExecArray, base: number): string | null {
  const [h12, min12, mer, h24, min24, hh, mm, word] = m.slice(base, base + 8);
  if (word) return /midnight/i.test(word) ? '24:00' : '12:00';
  if (h12) {
    let h = +h12;
    if (h < 1 || h > 12) return null;
    const pm = /^p/i.test(mer);
    if (pm && h < 12) h += 12;
    if (!pm && h === 12) h = 0;
    return `${pad(h)}:${pad(min12 ? +min12 : 0)}`;
  }
  const H = h24 ?? hh;
  const M = min24 ?? mm;
  if (H == null || +H > 23 || +M > 59) return null;
  return `${pad(+H)}:${pad(+M)}`;
}

function result(day: string, time: string, fromContext: boolean): Extracted {
  return { type: 'TIME', value: `${day}T${time}`, dayFromContext: fromContext };
}

export const clockTime: Parser = {
  name: 'clock-time',
  trigger: /\d|noon|midday|midnight/i,
  pattern: wordPattern(`(?:(${APPROX})\\s+)?(?:${CLOCK})${ZONE}?(?:,?\\s+(?:on\\s+)?(${DAYWORD}))?`),
  extract(m, ctx) {
    const t = clock(m, 2);
    if (!t) return null;
    // "noon" etc. without a day stays a TIME of the day in context.
    const { day, fromContext } = dayOf(m[10], ctx, m.index);
    // "the noon prayers", "a midnight raid": a noon that names no moment.
    if (m[9] && /\b(?:the|a|of)\s+$/i.test(textBefore(ctx.text, m.index))) return null;
    return result(day!, t, fromContext);
  },
};

export const dayThenClock: Parser = {
  name: 'day-clock',
  trigger: /\d|noon|midday|midnight/i,
  pattern: wordPattern(`(${DAYWORD})(?:\\s+(?:morning|afternoon|evening|night))?\\s+(?:at\\s+)?(?:(${APPROX})\\s+)?(?:${CLOCK})${ZONE}?`),
  extract(m, ctx) {
    const t = clock(m, 3);
    if (!t) return null;
    if (weekdayNumber(m[1]) != null && !/^[A-Z]/.test(m[1])) return null;
    const { day } = dayOf(m[1], ctx, m.index);
    return result(day!, t, false);
  },
};

/** "the morning", "mid afternoon", "in the evening": a part of the day in context. */
export const partOfContextDay: Parser = {
  name: 'part-of-context-day',
  pattern: wordPattern(`(?:(early|late|mid-|mid)\\s*)?(?:the\\s+)?(morning|afternoon|evening)|(dawn|dusk)`),
  extract(m, ctx) {
    const [, mod, part, edge] = m;
    const before = textBefore(ctx.text, m.index);
    if (!/\b(?:in|during|by|on|at|that|this|until|since|from|before|after|overnight|early|late)\s+$/i.test(before) && !mod) return null;
    if (edge && !/\bat\s+$/i.test(before)) return null;
    const { day } = dayOf(undefined, ctx, m.index);
    const code = PART_OF_DAY[(part ?? edge).toLowerCase()];
    const modV = mod ? (/early/i.test(mod) ? 'START' : /late/i.test(mod) ? 'END' : 'MID') : undefined;
    return { type: 'TIME', value: `${day}T${code}`, mod: modV, dayFromContext: true };
  },
};
