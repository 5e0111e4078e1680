import type { Range, Token } from '../../doc.ts';

/**
 * Abbreviations after which a period does not end a sentence: military ranks and titles are
 * everywhere in conflict news ("Lt. Gen.", "Col.", "Maj."), as are "U.S." and "No.".
 */
const ABBREVIATIONS = new Set(
  [
    'mr', 'mrs', 'ms', 'dr', 'prof', 'sr', 'jr', 'st', 'mt', 'ft', 'gen', 'lt', 'col', 'maj', 'capt', 'cpt', 'sgt', 'cpl', 'pvt',
    'adm', 'cmdr', 'brig', 'gov', 'sen', 'rep', 'pres', 'sec', 'amb', 'rev', 'gen', 'no', 'vs', 'etc', 'inc', 'ltd', 'co', 'corp',
    'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'approx', 'est', 'dept', 'e.g', 'i.e',
  ],
);

/**
 * True when a range has (almost) no capitals: text lower-cased by an archive, OCR or a feed.
 * There a sentence may start with a small letter, so a capital after the stop cannot be required.
 */
export function caseless(text: string, range: Range): boolean {
  let letters = 0;
  let upper = 0;
  const end = Math.min(range.end, range.start + 4000);
  for (let i = range.start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 97 && c <= 122) letters++;
    else if (c >= 65 && c <= 90) {
      letters++;
      upper++;
    }
  }
  return letters >= 40 && upper / letters < 0.005;
}

/** Split one range of text into sentence ranges (trimmed of surrounding white space). */
export function splitSentences(text: string, range: Range): Range[] {
  const out: Range[] = [];
  const opener = caseless(text, range) ? /[A-Za-z"“‘'(\[0-9]/ : /[A-Z"“‘'(\[0-9]/;
  let start = range.start;
  const push = (end: number) => {
    let s = start;
    let e = end;
    while (s < e && /\s/.test(text[s])) s++;
    while (e > s && /\s/.test(text[e - 1])) e--;
    if (e > s) out.push({ start: s, end: e });
  };
  for (let i = range.start; i < range.end; i++) {
    const c = text[i];
    if (c === '\n') {
      // A line break ends a sentence: scraped news puts headlines, datelines and paragraphs on lines.
      push(i);
      start = i + 1;
      continue;
    }
    if (c !== '.' && c !== '!' && c !== '?') continue;
    // Take closing quotes and brackets with the sentence.
    let j = i + 1;
    while (j < range.end && /["'”’)\]]/.test(text[j])) j++;
    if (j < range.end && !/\s/.test(text[j])) continue;
    let k = j;
    while (k < range.end && text[k] === ' ') k++;
    if (k < range.end && text[k] !== '\n' && !opener.test(text[k])) continue;
    if (c === '.') {
      const before = text.slice(Math.max(range.start, i - 12), i);
      const word = /([A-Za-z][A-Za-z.]*)$/.exec(before)?.[1] ?? '';
      if (ABBREVIATIONS.has(word.toLowerCase())) continue;
      // Initials and dotted acronyms: "P.J. Crowley", "U.S. forces".
      if (/(^|[^A-Za-z])[A-Z]$/.test(before) || /\b(?:[A-Za-z]\.){1,}[A-Za-z]$/.test(before)) continue;
    }
    push(j);
    start = j;
  }
  push(range.end);
  return out;
}

const TOKEN = /[\p{L}\p{N}]+(?:[-'’.,][\p{L}\p{N}]+)*\.?|[^\s\p{L}\p{N}]/gu;

/** Tokens of a range: words (with inner hyphens, apostrophes and digit separators) and symbols. */
export function tokenize(text: string, range: Range): Token[] {
  const out: Token[] = [];
  TOKEN.lastIndex = 0;
  const slice = text.slice(range.start, range.end);
  for (let m = TOKEN.exec(slice); m; m = TOKEN.exec(slice)) {
    let t = m[0];
    // Keep a final period only on abbreviations ("Gen."), not at the end of a sentence.
    if (t.length > 1 && t.endsWith('.') && !ABBREVIATIONS.has(t.slice(0, -1).toLowerCase()) && !/^(?:[A-Za-z]\.)+[A-Za-z]\.$/.test(t)) {
      t = t.slice(0, -1);
      TOKEN.lastIndex = m.index + t.length;
    }
    const start = range.start + m.index;
    out.push({ start, end: start + t.length, text: t });
  }
  return out;
}
