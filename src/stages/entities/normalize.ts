/**
 * Text normalisation for alias matching and for entity ids. News writes the same name with
 * curly or straight apostrophes ("Da’esh", "Da'esh"), any dash ("Task Force – Operation",
 * "Task Force-Operation"), with or without accents ("Erdoğan") and in any case: matching folds
 * all of these, and a map keeps every folded character's position in the original text.
 */

const APOSTROPHES = /[’‘`ʼ´]/;
const DASHES = /[‐‑‒–—―−]/;

/** Fold one character: accents off, apostrophes and dashes unified; case kept. */
export function foldChar(c: string): string {
  if (c.charCodeAt(0) < 0x80) return c;
  if (APOSTROPHES.test(c)) return "'";
  if (DASHES.test(c)) return '-';
  if (/\s/.test(c)) return ' ';
  const d = c.normalize('NFD').replace(/\p{M}+/gu, '');
  return d.length === 1 ? d : c;
}

export interface Folded {
  /** The folded text (lower-cased when asked). */
  text: string;
  /** folded index -> original index. */
  map: Int32Array;
}

/**
 * Fold text[start, end): white space runs become one space and disappear next to a dash, so
 * that "Force – Operation" and "Force-Operation" fold alike.
 */
export function fold(text: string, start = 0, end = text.length, lower = true): Folded {
  let out = '';
  const map = new Int32Array(end - start + 1);
  let n = 0;
  for (let i = start; i < end; i++) {
    let c = foldChar(text[i]);
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      // Collapse runs; drop before a dash and after one.
      let j = i;
      while (j + 1 < end && /\s/.test(text[j + 1])) j++;
      const next = j + 1 < end ? foldChar(text[j + 1]) : '';
      if (n === 0 || out[n - 1] === ' ' || out[n - 1] === '-' || next === '-') {
        i = j;
        continue;
      }
      c = ' ';
      out += c;
      map[n++] = i;
      i = j;
      continue;
    }
    if (lower) c = c.toLowerCase();
    if (c.length !== 1) c = c[0];
    if (c === '-' && n > 0 && out[n - 1] === ' ') {
      // "Force – " : the space before the dash goes.
      out = out.slice(0, -1);
      n--;
    }
    out += c;
    map[n++] = i;
  }
  map[n] = end;
  return { text: out, map: map.subarray(0, n + 1) };
}

/** A slug for an id: "John Barrow" -> "john-barrow", "Hay'at Tahrir al-Sham" -> "hayat-tahrir-al-sham". */
export function slug(name: string): string {
  return fold(name)
    .text.replace(/'/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
