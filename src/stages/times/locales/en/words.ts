import type { Unit } from '../../resolve.ts';

/**
 * English words for time: month and weekday names, number words, units, parts of the day.
 * Pattern fragments are non-capturing so parsers can wrap them in their own groups.
 */

export const MONTH_NAMES: Record<string, number> = {
  january: 1, jan: 1, february: 2, feb: 2, march: 3, mar: 3, april: 4, apr: 4, may: 5, june: 6, jun: 6,
  july: 7, jul: 7, august: 8, aug: 8, september: 9, sept: 9, sep: 9, october: 10, oct: 10, november: 11,
  nov: 11, december: 12, dec: 12,
};
/** Full names first so the alternation prefers "March" to "Mar". */
export const MONTH = '(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\\.?|Feb\\.?|Mar\\.?|Apr\\.?|Jun\\.?|Jul\\.?|Aug\\.?|Sept\\.?|Sep\\.?|Oct\\.?|Nov\\.?|Dec\\.?)';

export function monthNumber(word: string): number | null {
  return MONTH_NAMES[word.toLowerCase().replace(/\.$/, '')] ?? null;
}

export const WEEKDAY_NAMES: Record<string, number> = {
  monday: 1, tuesday: 2, wednesday: 3, thursday: 4, friday: 5, saturday: 6, sunday: 7,
};
export const WEEKDAY = '(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)';

export function weekdayNumber(word: string): number | null {
  return WEEKDAY_NAMES[word.toLowerCase()] ?? null;
}

const SMALL: Record<string, number> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18,
  nineteen: 19, twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
  hundred: 100, dozen: 12, couple: 2, half: 0.5,
};

/** A spelled or written amount: "two", "twenty-four", "twenty four", "24", "1.5", "1 1/2", "two and a half", "a hundred". */
export const NUMBER =
  '(?:\\d+(?:\\.\\d+)?(?:\\s+1/2)?|(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|a\\s+hundred|one\\s+hundred|a\\s+dozen|a\\s+couple\\s+of|a|an)(?:\\s+and\\s+a\\s+half)?)';

/** The value of a NUMBER match. */
export function numberValue(s: string): number | null {
  let t = s.toLowerCase().trim();
  let extra = 0;
  if (/\s+and\s+a\s+half$/.test(t)) {
    extra = 0.5;
    t = t.replace(/\s+and\s+a\s+half$/, '');
  }
  if (/\s+1\/2$/.test(t)) {
    extra = 0.5;
    t = t.replace(/\s+1\/2$/, '');
  }
  if (/^\d/.test(t)) return parseFloat(t) + extra;
  t = t.replace(/\s+of$/, '').replace(/^an?\s+(?=\S)/, (a) => (/^an?\s+(?:hundred|dozen)\b/.test(t) ? a : ''));
  let total = 0;
  for (const w of t.split(/[\s-]+/)) {
    const v = SMALL[w];
    if (v == null) return null;
    if (w === 'hundred') total = (total || 1) * 100;
    else if (w === 'dozen') total = (total || 1) * 12;
    else if ((w === 'a' || w === 'an') && total === 0) total = 1;
    else if (w === 'a' || w === 'an') continue;
    else total += v;
  }
  return total + extra;
}

/** Duration and calendar units, singular or plural. */
export const UNIT = '(?:seconds?|minutes?|hours?|days?|weeks?|weekends?|months?|quarters?|years?|decades?|centur(?:y|ies))';

export function unitOf(word: string): Unit | null {
  const w = word.toLowerCase().replace(/ies$/, 'y').replace(/s$/, '');
  const u: Record<string, Unit> = {
    second: 'second', minute: 'minute', hour: 'hour', day: 'day', week: 'week', weekend: 'weekend', month: 'month',
    quarter: 'quarter', year: 'year', decade: 'decade', century: 'century',
  };
  return u[w] ?? null;
}

/** Parts of the day and their TIMEX3 codes. */
export const PART_OF_DAY: Record<string, string> = {
  morning: 'MO', afternoon: 'AF', evening: 'EV', night: 'NI', dawn: 'MO', dusk: 'EV', midday: 'MI', noon: 'MI',
};
export const PART = '(?:morning|afternoon|evening|night)';

export const ORDINALS: Record<string, number> = {
  first: 1, second: 2, third: 3, fourth: 4, fifth: 5, '1st': 1, '2nd': 2, '3rd': 3, '4th': 4,
};

/** "early" / "late" / "mid" and friends, as TIMEX3 mods. */
export function modOf(word: string | undefined): string | undefined {
  if (!word) return undefined;
  const w = word.toLowerCase().replace(/\s+/g, ' ').trim();
  if (/^(early|earlier|the (start|beginning) of|the first days of)$/.test(w)) return 'START';
  if (/^(late|later|the end of|the close of|the last days of)$/.test(w)) return 'END';
  if (/^(mid-?|the middle of|mid)$/.test(w)) return 'MID';
  return undefined;
}
/** Words before a date that narrow it ("early", "the end of", "mid-"). */
export const MODIFIER = '(?:early|late|mid-|mid|the\\s+(?:start|beginning|end|middle|close)\\s+of)';

/** A global, case-insensitive pattern that starts and ends on word boundaries (hyphens count as word). */
export function wordPattern(src: string, flags = 'gi'): RegExp {
  return new RegExp(`(?<![\\p{L}\\p{N}_'’-])(?:${src})(?![\\p{L}\\p{N}_])`, flags.includes('u') ? flags : flags + 'u');
}

/** Whether a matched name is written as a name (month and weekday names are capitalised in English). */
export const capitalised = (s: string | undefined) => !!s && /^[A-Z]/.test(s);

const UNITS_W = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
const TEENS_W = ['ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const TENS_W = ['twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
const TWO_DIGITS = `(?:(?:${TENS_W.join('|')})(?:[- ](?:${UNITS_W.join('|')}))?|${TEENS_W.join('|')}|oh[- ](?:${UNITS_W.join('|')}))`;

/** A year in words, as broadcast transcripts write them: "nineteen ninety-six", "two thousand (and) one", "twenty nineteen". */
export const SPELLED_YEAR = `(?:nineteen[- ](?:hundred(?:\\s+and)?[- ])?${TWO_DIGITS}|two\\s+thousand(?:(?:\\s+and)?[- ](?:${TWO_DIGITS}|${UNITS_W.join('|')}))?|twenty[- ](?:${TEENS_W.slice(0, 10).join('|')}|twenty(?:[- ](?:${UNITS_W.join('|')}))?))`;

function twoDigitsValue(s: string): number {
  const w = s.toLowerCase().split(/[\s-]+/).filter((x) => x && x !== 'oh' && x !== 'and');
  let v = 0;
  for (const x of w) {
    if (UNITS_W.includes(x)) v += UNITS_W.indexOf(x) + 1;
    else if (TEENS_W.includes(x)) v += TEENS_W.indexOf(x) + 10;
    else if (TENS_W.includes(x)) v += (TENS_W.indexOf(x) + 2) * 10;
  }
  return v;
}

export function spelledYearValue(s: string): number | null {
  const t = s.toLowerCase().replace(/\s+/g, ' ').trim();
  let m = /^nineteen[- ](?:hundred(?: and)?[- ])?(.+)$/.exec(t);
  if (m) return 1900 + twoDigitsValue(m[1]);
  m = /^two thousand(?:(?: and)?[- ](.+))?$/.exec(t);
  if (m) return 2000 + (m[1] ? twoDigitsValue(m[1]) : 0);
  m = /^twenty[- ](.+)$/.exec(t);
  if (m) return 2000 + twoDigitsValue(m[1]);
  return null;
}

/**
 * The text just before a match, for checks on the preceding words. Bounded, so that checks
 * anchored at its end stay cheap in a long sentence (a whole prefix would make them quadratic).
 */
export const textBefore = (text: string, index: number, n = 60) => text.slice(Math.max(0, index - n), index);
