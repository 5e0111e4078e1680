import type { Range } from '../../doc.ts';
import type { AliasMatcher } from '../entities/aliases.ts';
import type { Titles } from '../entities/titles.ts';
import type { Gazetteer } from '../../gazetteer/index.ts';
import type { TruecaseModel } from './model.ts';
import type { CaseMode } from './detect.ts';

/**
 * Restore letter case in a line written without it. Only the case of letters changes, one
 * character for one character of the same UTF-16 length, so every offset into the restored text
 * is an offset into the input as read. In order of trust:
 *
 * 1. pack aliases (any alias with a capital: "islamic state" -> "Islamic State");
 * 2. gazetteer places and demonyms of some size ("new delhi" -> "New Delhi", "indian" -> "Indian"),
 *    unless the word is an ordinary lower-case word of the training corpora ("police", "split");
 * 3. the word model (how the corpora write the word mid-sentence: "congress" -> "Congress");
 * 4. month names next to a day or year ("march 3", not "a protest march"), weekdays, dotted
 *    acronyms ("u.s." -> "U.S."), the pronoun "I", and the first letter of every sentence.
 */
export interface TruecaseResources {
  model: TruecaseModel;
  matcher: AliasMatcher;
  gazetteer: Gazetteer | null;
  /** The packs' titles and ranks: a title before words that are not ordinary ones is a person's ("chief minister narendra modi"). */
  titles: Titles | null;
  /** Phrase -> the largest population it names, across documents (see placeLike). */
  seen: Map<string, number>;
}

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*(?:\.(?=\p{L}\.))?(?:\p{L}\.)*/gu;
const MONTHS = new Set(['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec']);
const WEEKDAYS = new Set(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']);
const DAY_OR_YEAR = /^(?:\d{1,2}(?:st|nd|rd|th)?|(?:1[89]|20)\d\d)$/;
const LETTER = /\p{L}/u;
const PLACE_MIN_POP = 15000;
const BIG_PLACE_POP = 100000;

/** Lower-case a caseless-upper line character by character (same UTF-16 length, or left as it is). */
export function lowerChars(chars: string[], r: Range): void {
  for (let i = r.start; i < r.end; i++) {
    const l = chars[i].toLowerCase();
    if (l.length === chars[i].length) chars[i] = l;
  }
}

/** Write `form`'s case onto chars[start, end), letter by letter; title-case when the letters do not line up. */
function applyCase(chars: string[], start: number, end: number, form: string): void {
  const letters: number[] = [];
  for (let i = start; i < end; i++) if (LETTER.test(chars[i])) letters.push(i);
  const formLetters = [...form].filter((c) => LETTER.test(c));
  if (formLetters.length === letters.length) {
    letters.forEach((i, k) => {
      const c = formLetters[k];
      if (c !== c.toLowerCase()) upper(chars, i);
    });
    return;
  }
  // Title case: the first letter of each word.
  for (let i = start; i < end; i++) if (/\p{L}/u.test(chars[i]) && (i === start || !/[\p{L}\p{N}'’]/u.test(chars[i - 1]))) upper(chars, i);
}

function upper(chars: string[], i: number): void {
  const u = chars[i].toUpperCase();
  if (u.length === chars[i].length) chars[i] = u;
}

/** Words of a line, with their lower-case text. */
function wordsOf(text: string, r: Range): Array<Range & { w: string }> {
  const out: Array<Range & { w: string }> = [];
  const re = new RegExp(WORD.source, WORD.flags);
  const s = text.slice(r.start, r.end);
  for (let m = re.exec(s); m; m = re.exec(s)) out.push({ start: r.start + m.index, end: r.start + m.index + m[0].length, w: m[0].toLowerCase() });
  return out;
}

/** Is this gazetteer reading a name to capitalise: a country, first-level division, demonym, or a place of some size? */
function placeLike(gaz: Gazetteer, phrase: string, minPop: number, seen: Map<string, number>): boolean {
  // The largest population the phrase names (Infinity for a country, division or demonym), -1 for
  // none, remembered across documents: place names repeat.
  let pop = seen.get(phrase);
  if (pop === undefined) {
    pop = -1;
    if (gaz.has(phrase)) {
      for (const c of gaz.lookup(phrase)) pop = Math.max(pop, c.match === 'demonym' || c.kind === 'country' || c.kind === 'admin1' ? Infinity : c.population);
    }
    if (seen.size > 100000) seen.clear();
    seen.set(phrase, pop);
  }
  return pop >= minPop;
}

/** Restore case in chars[r] (already lower-case). `text` is the same line as a string. */
export function restoreLine(chars: string[], text: string, r: Range, res: TruecaseResources): void {
  const { model, gazetteer: gaz } = res;
  const words = wordsOf(text, r);
  const done = new Uint8Array(words.length);
  // 1. Pack aliases.
  const hits = res.matcher.match(text, r.start, r.end, true);
  for (const h of hits) {
    const form = h.alias.text;
    if (!/\p{Lu}/u.test(form)) continue;
    const low = form.toLowerCase();
    // A single ordinary word ("us", "is", "amnesty") is not made a name by a pack's acronym.
    if (!/\s/.test(low) && (model.lower.has(low) || low.length < 2)) continue;
    applyCase(chars, h.start, h.end, form);
    words.forEach((w, k) => {
      if (w.start >= h.start && w.end <= h.end) done[k] = 1;
    });
  }
  // 2. Gazetteer places, longest first (three, two, one words). Most words are ordinary ones
  // (`plain`), and a phrase of nothing but those is never looked up: that keeps this cheap.
  if (gaz) {
    const plain = words.map((w) => model.lower.has(w.w) || /^\d/.test(w.w));
    for (let k = 0; k < words.length; k++) {
      if (done[k]) continue;
      for (let n = Math.min(3, words.length - k); n >= 1; n--) {
        let ok = false;
        let ordinary = false;
        for (let j = k; j < k + n; j++) {
          if (done[j] || (j > k && !/^[\s-]$/.test(text.slice(words[j - 1].end, words[j].start)))) {
            ok = false;
            ordinary = true;
            break;
          }
          if (plain[j]) ordinary = true;
          else ok = true;
        }
        // A name opens or ends with a word that is not an ordinary one ("New Delhi", "Gaza Strip").
        if (!ok || (n > 1 && plain[k] && plain[k + n - 1])) continue;
        if (n === 1 && (words[k].w.length < 3 || model.cased.has(words[k].w))) continue;
        // A phrase with ordinary words ("old city", "new town") must be a big place to be one here ("New Delhi").
        const minPop = n === 1 ? PLACE_MIN_POP : ordinary ? BIG_PLACE_POP : 1000;
        const phrase = text.slice(words[k].start, words[k + n - 1].end).toLowerCase();
        if (!placeLike(gaz, phrase, minPop, res.seen)) continue;
        applyCase(chars, words[k].start, words[k + n - 1].end, '');
        for (let j = k; j < k + n; j++) done[j] = 1;
        k += n - 1;
        break;
      }
    }
  }
  // 3. A title (pack titles and ranks) and the words after it that are not ordinary words: a
  // title and a name ("chief minister narendra modi" -> "Chief Minister Narendra Modi").
  if (res.titles) {
    const cap = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);
    for (let k = 0; k < words.length; k++) {
      let j = k;
      let title = false;
      while (j < words.length && !done[j] && (res.titles.isTitleWord(cap(words[j].w)) || res.titles.isModifier(cap(words[j].w)))) {
        if (res.titles.isTitleWord(cap(words[j].w))) title = true;
        j++;
      }
      if (!title || j === k) continue;
      let e = j;
      while (e < words.length && e < j + 3 && !model.lower.has(words[e].w) && /^\p{L}/u.test(words[e].w) && /^\s+$/.test(text.slice(words[e - 1].end, words[e].start))) e++;
      if (e === j) {
        k = j - 1;
        continue;
      }
      for (let i = k; i < e; i++) {
        if (!done[i]) upper(chars, words[i].start);
        done[i] = 1;
      }
      k = e - 1;
    }
  }
  // 4. Single words.
  words.forEach((wd, k) => {
    if (done[k]) return;
    const w = wd.w;
    if (MONTHS.has(w.replace(/\.$/, ''))) {
      const next = words[k + 1]?.w ?? '';
      const prev = words[k - 1]?.w ?? '';
      if (DAY_OR_YEAR.test(next) || DAY_OR_YEAR.test(prev)) upper(chars, wd.start);
      return;
    }
    if (WEEKDAYS.has(w) || w === 'i') return upper(chars, wd.start);
    if (/^(?:\p{L}\.){2,}$/u.test(w)) return applyCase(chars, wd.start, wd.end, w.toUpperCase());
    const form = model.cased.get(w);
    if (form) applyCase(chars, wd.start, wd.end, form);
  });
  // Sentence starts: the line's first letter, and the first letter after a stop.
  let start = true;
  for (let i = r.start; i < r.end; i++) {
    const c = chars[i];
    const code = c.charCodeAt(0);
    if (code < 128 ? (code | 32) >= 97 && (code | 32) <= 122 : LETTER.test(c)) {
      if (start) upper(chars, i);
      start = false;
    } else if (code < 128 ? code >= 48 && code <= 57 : /\p{N}/u.test(c)) start = false;
    else if (c === '.' || c === '!' || c === '?') start = i + 1 < r.end && /\s/.test(text[i + 1]);
  }
}
