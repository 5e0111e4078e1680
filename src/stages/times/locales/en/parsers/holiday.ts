import type { Parser, Tense } from '../../../types.ts';
import { fmtDay, weekdayFrom, type YMD } from '../../../calendar.ts';
import { wordPattern } from '../words.ts';
import { hijriDay } from '../../../hijri.ts';

/**
 * Holidays with a computable day: fixed ones (Christmas, New Year's Day, Nowruz), Easter and US
 * Thanksgiving, and the feasts of the Islamic calendar that date events in Middle East news (Eid
 * al-Fitr, Eid al-Adha, Ashura, Arbaeen), found on the Umm al-Qura calendar. Without a year the
 * occurrence is the latest one by the document date in the past tense, the next in the future,
 * else the nearest.
 */
type DayOf = (year: number) => YMD | null;

const fixed = (m: number, d: number): DayOf => (y) => ({ y, m, d });

/** Gregorian Easter Sunday (the anonymous Gregorian computus). */
function easter(y: number): YMD {
  const a = y % 19, b = Math.floor(y / 100), c = y % 100, d = Math.floor(b / 4), e = b % 4;
  const f = Math.floor((b + 8) / 25), g = Math.floor((b - f + 1) / 3), h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4), k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7, m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  return { y, m: month, d: ((h + l - 7 * m + 114) % 31) + 1 };
}

function thanksgiving(y: number): YMD {
  const first = weekdayFrom({ y, m: 11, d: 1 }, 4, 1, true);
  return { ...first, d: first.d + 21 };
}

const HOLIDAYS: Array<[RegExp, DayOf]> = [
  [/^christmas\s+eve$/i, fixed(12, 24)],
  [/^christmas(?:\s+day)?$/i, fixed(12, 25)],
  [/^new\s+year['’]s\s+eve$/i, fixed(12, 31)],
  [/^new\s+year['’]s(?:\s+day)?$/i, fixed(1, 1)],
  [/^(?:nowruz|newroz|norouz)$/i, fixed(3, 21)],
  [/^easter(?:\s+sunday)?$/i, easter],
  [/^thanksgiving(?:\s+day)?$/i, thanksgiving],
  [/^eid\s+(?:al|ul|el)[- ]fitr$/i, (y) => hijriDay(y, 10, 1)],
  [/^eid\s+(?:al|ul|el)[- ]adha$/i, (y) => hijriDay(y, 12, 10)],
  [/^ashura$/i, (y) => hijriDay(y, 1, 10)],
  [/^arba['’]?een$/i, (y) => hijriDay(y, 2, 20)],
];

function pick(dayOf: DayOf, anchor: YMD, tense: Tense): YMD | null {
  const key = (d: YMD) => d.y * 10000 + d.m * 100 + d.d;
  const a = key(anchor);
  const cands = [anchor.y - 1, anchor.y, anchor.y + 1].flatMap((y) => dayOf(y) ?? []);
  if (!cands.length) return null;
  if (tense === 'past') return cands.filter((d) => key(d) <= a).pop() ?? null;
  if (tense === 'future') return cands.find((d) => key(d) >= a) ?? null;
  const ms = (d: YMD) => Date.UTC(d.y, d.m - 1, d.d);
  return cands.reduce((b, d) => (Math.abs(ms(d) - ms(anchor)) < Math.abs(ms(b) - ms(anchor)) ? d : b));
}

export const holiday: Parser = {
  name: 'holiday',
  trigger: /Christmas|New Year|Nowruz|Newroz|Norouz|Easter|Thanksgiving|Eid|Ashura|Arba/,
  pattern: wordPattern(`(Christmas(?:\\s+(?:Day|Eve))?|New\\s+Year['’]s(?:\\s+(?:Day|Eve))?|Nowruz|Newroz|Norouz|Easter(?:\\s+Sunday)?|Thanksgiving(?:\\s+Day)?|Eid\\s+(?:al|ul|el)[- ](?:Fitr|Adha)|Ashura|Arba['’]?een)(?:\\s+(?:of\\s+)?(\\d{4}))?`, 'g'),
  extract(m, ctx) {
    const [, name, y] = m;
    const dayOf = HOLIDAYS.find(([re]) => re.test(name.replace(/\s+/g, ' ')))?.[1];
    if (!dayOf) return null;
    // "Easter week", "New Year's celebrations" still name the day; "Christmas trees" do not date anything.
    if (/^\s+(?:tree|trees|card|cards|present|presents|gift|gifts|market|markets|shopping|carol|carols)\b/i.test(ctx.text.slice(m.index + m[0].length))) return null;
    let d: YMD | null;
    if (y) d = dayOf(+y);
    else if (ctx.anchor) d = pick(dayOf, ctx.anchor, ctx.tense(m.index, m.index + m[0].length));
    else return { type: 'DATE', value: 'XXXX-XX-XX' };
    return d ? { type: 'DATE', value: fmtDay(d) } : null;
  },
};
