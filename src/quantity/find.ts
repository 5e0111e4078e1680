import type { Range } from '../doc.ts';
import { UNITS, TENS, SCALES, MODIFIERS, TIME_NOUNS, MONTHS, LABEL_WORDS } from './english.ts';

/**
 * Quantities in running text: "18 operatives", "seven people", "more than 100", "between 2,500
 * and 3,500", "approximately 2,500", "4mn", "$200mn", "a dozen", "dozens", "41,000sq km".
 *
 * A quantity is the number phrase only (its span covers the modifier and the number, not the noun):
 * which noun or verb it counts is decided later (statements.ts) with the pack's cues. Dates, years,
 * clock times, durations ("four-year campaign"), ordinals and labels ("Resolution 2254", "F-16")
 * are not quantities and are left out here, so that no later stage needs to re-check them.
 */
export interface Quantity extends Range {
  text: string;
  value: number;
  low: number;
  high: number;
  approximate: boolean;
  /** A word such as "dozens" or "several" rather than a figure; its values come from the vague table. */
  vague: boolean;
  /** A vague word too weak to be a numeric statement on its own ("several", "a number of"). */
  weak: boolean;
  /** A unit written with the number: percent, usd, km2, km, ... (null for plain counts). */
  measure: string | null;
}

/** How a vague word is coded (UCDP-style low/best/high); `weak` words are not claims by themselves. */
export interface VagueEntry {
  words: string;
  low: number;
  best: number;
  high: number;
  weak?: boolean;
}

const DIGITS = String.raw`\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?`;
const UNIT_WORDS = Object.keys(UNITS).join('|');
const TEN_WORDS = Object.keys(TENS).join('|');
const WORDNUM = String.raw`(?:a(?=[ -](?:hundred|thousand|million|billion))|(?:(?:${TEN_WORDS})(?:[- ](?:${UNIT_WORDS}))?|${UNIT_WORDS}))(?:[ -](?:hundred|thousand|million|billion)(?:[ -](?:and[ -])?(?:(?:${TEN_WORDS})(?:[- ](?:${UNIT_WORDS}))?|${UNIT_WORDS}))?)*`;
const CURRENCY = String.raw`(?:US\$|\$|£|€|USD ?|EUR ?)`;

/** Measures written right after a number, and the unit they stand for. */
const MEASURES: Array<[RegExp, string]> = [
  [/^\s?(?:sq\.? ?km|square kilomet(?:er|re)s?|km2|km²)\b/i, 'km2'],
  [/^\s?(?:sq\.? ?mi(?:les?)?|square miles?)\b/i, 'mi2'],
  [/^\s?(?:km|kilomet(?:er|re)s?)\b/i, 'km'],
  [/^\s?(?:miles?)\b/i, 'miles'],
  [/^\s?(?:metres|meters|m)\b/i, 'm'],
  [/^\s?(?:mm|millimet(?:er|re)s?|cm)\b/i, 'calibre'],
  [/^\s?(?:%|per ?cent|pct)/i, 'percent'],
  [/^\s?(?:dollars?|usd)\b/i, 'usd'],
  [/^\s?(?:euros?)\b/i, 'eur'],
  [/^\s?(?:pounds? sterling)\b/i, 'gbp'],
  [/^\s?(?:tons?|tonnes?)\b/i, 'tonnes'],
  [/^\s?(?:kg|kilograms?)\b/i, 'kg'],
  [/^\s?(?:barrels?)\b/i, 'barrels'],
];

export interface Finder {
  find(text: string, range: Range): Quantity[];
}

/** Build a finder once (per process) for a vague-word table; `find` then runs per sentence. */
export function makeFinder(vague: VagueEntry[]): Finder {
  const vagueByWords = new Map(vague.map((v) => [v.words.toLowerCase(), v]));
  // An empty table must match nothing: an empty alternative matches the empty string at every
  // word boundary, and the scan below would never move on (a pack without vague words hung here).
  const vagueAlt = [...vagueByWords.keys()].sort((a, b) => b.length - a.length).map(escape).join('|') || '(?!)';
  const modAlt = [...new Set(MODIFIERS.map((m) => m.words))].sort((a, b) => b.length - a.length).map(escape).join('|');
  // One pass over the text: an optional modifier, an optional currency, then a figure, a number word or a vague word.
  const re = new RegExp(
    String.raw`(?<![\p{L}\p{N}\-/.,:#])(?:(${modAlt}) )?(${CURRENCY})?(?:(${DIGITS})(?:\s?(mn|mln|bn|million|billion|thousand|k)\b)?|\b(${vagueAlt})\b|\b(${WORDNUM})\b)`,
    'giu',
  );
  const modKind = new Map<string, 'approx' | 'min' | 'max'>();
  for (const m of MODIFIERS) if (!modKind.has(m.words)) modKind.set(m.words, m.kind);

  function find(text: string, range: Range): Quantity[] {
    const out: Quantity[] = [];
    const slice = text.slice(range.start, range.end);
    re.lastIndex = 0;
    for (let m = re.exec(slice); m; m = re.exec(slice)) {
      if (!m[0]) {
        re.lastIndex++;
        continue;
      }
      const [all, mod, cur, digits, scale, vagueWord, word] = m;
      let start = m.index;
      let end = m.index + all.length;
      const before = slice.slice(Math.max(0, start - 24), start);
      const after = slice.slice(end, end + 40);
      let value: number;
      let low: number;
      let high: number;
      let vague = false;
      let weak = false;
      let approximate = false;
      if (digits) {
        if (/^0\d/.test(digits)) continue; // "0914" (a clock time), "09-11-2017"
        const afterDigits = m.index + all.lastIndexOf(digits) + digits.length;
        if (/^[.,]\d/.test(slice.slice(afterDigits, afterDigits + 2))) continue; // "3.14.15", "2,5,6": a code, not a figure
        if (digits.replace(/\D/g, '').length > 15) continue; // an id or a phone number, not a count
        value = Number(digits.replace(/,/g, ''));
        if (scale) value *= SCALES[scale.toLowerCase()];
        else if (!cur && isDateOrTime(digits, before, after)) continue;
        low = high = value;
      } else if (vagueWord) {
        const v = vagueByWords.get(vagueWord.toLowerCase().replace(/\s+/g, ' '));
        if (!v) continue;
        value = v.best;
        low = v.low;
        high = v.high;
        vague = true;
        weak = !!v.weak;
        approximate = true;
      } else if (word) {
        const w = word.toLowerCase();
        if (w === 'a') continue; // a lone article
        const n = wordsToNumber(w);
        if (n === null) continue;
        if (/^(?:one|a)\b/.test(w) && /^\s+(?:of|another|side|day|time|way|thing|by|or)\b/i.test(after)) continue;
        if (w === 'one' && /\b(?:no|the|this|that|any|every|each|which|only)\s+$/i.test(before)) continue;
        if (/^a\b/.test(w) && !/\s(?:hundred|thousand|million|billion)/.test(w)) continue;
        value = low = high = n;
      } else continue;

      // What follows: a measure ("sq km", "%"), a duration ("four-year"), an ordinal ("21st").
      if (/^\s?(?:st|nd|rd|th)\b/i.test(after)) continue;
      if (/^\(/.test(after) || (/\($/.test(before) && /^\)/.test(after))) continue; // "501(c)(3)", "(2)": a code or a list mark
      // "a six-course meal", "a two-layer scheme": a compound adjective, not a count ("a 2,000-strong force" is one).
      if (word && /^-(?!strong\b|odd\b)\p{L}/u.test(after)) continue;
      let measure: string | null = cur ? currencyUnit(cur) : null;
      for (const [mre, unit] of measure ? [] : MEASURES) {
        const mm = mre.exec(after);
        if (mm) {
          measure = unit;
          if (unit === 'percent' || /^\s?(?:sq|km|%|mm|cm|m\b)/i.test(after)) end += mm[0].length; // attached symbol: keep it in the span
          break;
        }
      }
      if (measure === 'calibre') continue; // "120mm mortar": a weapon, not a figure
      if (!measure && isDuration(after)) continue;
      if (/^[\p{L}]/u.test(after) && !measure && digits && !scale) continue; // "3rd", "5G", "4x4": not a count
      if (!measure && digits && /^-[\p{L}\p{N}]/u.test(after) && !/^-(?:strong|member|man|men|vehicle|car)\b/i.test(after)) continue; // "F-16-", "1-0"
      const prevWord = /([\p{L}.\-]+)\s*$/u.exec(before)?.[1]?.toLowerCase() ?? '';
      if (!mod && (digits || word) && LABEL_WORDS.has(prevWord)) continue;
      if (/#\s*$/.test(before)) continue;

      // Modifiers make a figure one-sided or approximate.
      // Bounds keep the figure's own precision: whole numbers stay whole, "2.8 per cent" keeps decimals.
      const round = Number.isInteger(value) ? Math.round : (x: number) => Math.round(x * 100) / 100;
      if (mod) {
        const kind = modKind.get(mod.toLowerCase().replace(/\s+/g, ' ')) ?? 'approx';
        approximate = true;
        if (kind === 'min') {
          low = vague ? value : low;
          high = vague ? Math.max(high, value * 2) : Math.max(high, round(value * 1.2));
        } else if (kind === 'max') low = vague ? low : round(value * 0.8);
        else if (!vague) {
          low = round(value * 0.9);
          high = round(value * 1.1);
        }
      } else if (/\bsome\s+$/i.test(before) && !vague) approximate = true;

      // "between 2,500 and 3,500", "2,500 to 3,500", "2,500-3,500"
      const range2 = /^(?:\s*(?:and|to|-|–)\s*)(\d{1,3}(?:,\d{3})+|\d+)(?:\s?(mn|bn|million|billion|thousand))?/i.exec(after);
      if (range2 && digits && (/\bbetween\s+$/i.test(before) || /^\s*(?:to|-|–)/.test(after))) {
        let v2 = Number(range2[1].replace(/,/g, ''));
        const sc = range2[2] ?? scale;
        if (sc) v2 *= SCALES[sc.toLowerCase()];
        if (v2 > value) {
          if (/\bbetween\s+$/i.test(before)) start -= /\bbetween\s+$/i.exec(before)![0].length;
          end += range2[0].length;
          // A range counts as its low end (ACLED's conservative reading); high keeps the upper bound.
          low = value;
          high = v2;
          approximate = true;
          re.lastIndex = end; // the second figure belongs to this range
        }
      }
      if (measure === 'percent' && value <= 100) high = Math.min(high, 100);
      out.push({
        start: range.start + start,
        end: range.start + end,
        text: text.slice(range.start + start, range.start + end),
        value,
        low,
        high,
        approximate,
        vague,
        weak,
        measure,
      });
    }
    return out;
  }
  return { find };
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+');
}

function currencyUnit(cur: string): string {
  if (/€|EUR/i.test(cur)) return 'eur';
  if (/£/.test(cur)) return 'gbp';
  return 'usd';
}

/** "seven", "twenty-five", "two hundred", "three thousand five hundred", "a hundred". */
export function wordsToNumber(w: string): number | null {
  let total = 0;
  let current = 0;
  let any = false;
  for (const part of w.toLowerCase().split(/[\s-]+/)) {
    if (part === 'and') continue;
    if (part === 'a') {
      current = 1;
      any = true;
    } else if (part in UNITS) {
      current += UNITS[part];
      any = true;
    } else if (part in TENS) {
      current += TENS[part];
      any = true;
    } else if (part === 'hundred') current = (current || 1) * 100;
    else if (part in SCALES) {
      total += (current || 1) * SCALES[part];
      current = 0;
    } else return null;
  }
  return any ? total + current : null;
}

/** A figure that is part of a date or a clock time, or a bare year. */
function isDateOrTime(digits: string, before: string, after: string): boolean {
  if (/^\s?(?::|h\b|\s?(?:a\.?m\.?|p\.?m\.?|GMT|UTC|hrs)\b)/i.test(after) && !/,/.test(digits)) return true;
  const prev = /([A-Za-z]+)\.?,?\s+$/.exec(before)?.[1]?.toLowerCase();
  const next = /^,?\s+([A-Za-z]+)/.exec(after)?.[1]?.toLowerCase();
  if (prev && MONTHS.has(prev) && !/,/.test(digits)) return true;
  if (next && MONTHS.has(next) && Number(digits) <= 31) return true;
  // A bare four-digit year, unless a count noun follows ("2019 fighters" is rare, "in 2019" common).
  if (/^(?:1[89]|20)\d\d$/.test(digits)) {
    if (/^s\b|^'s\b/.test(after)) return true;
    if (!/^\s+(?:[a-z][\p{L}-]*\s+)?(?:people|persons|civilians|fighters|militants|soldiers|troops|members|refugees|families|children|men|women|strikes|airstrikes|operations|detainees|prisoners|households)\b/u.test(after)) return true;
  }
  if (/^\s?(?:BC|AD|CE|BCE)\b/.test(after)) return true;
  return false;
}

/** "four-year campaign", "two hours", "10 days": durations and ages belong to time expressions. */
function isDuration(after: string): boolean {
  const m = /^(?:-|\s)(?:and-a-half-|and a half )?([\p{L}'.]+)/u.exec(after);
  if (!m) return false;
  return TIME_NOUNS.has(m[1].toLowerCase().replace(/\.$/, ''));
}
