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

const SPACE = /\s/;

/** Is this UTF-16 code white space (as /\s/ has it)? */
function isSpace(code: number, ch: string): boolean {
  return code < 128 ? code === 32 || (code >= 9 && code <= 13) : SPACE.test(ch);
}

/** The folded code of text[i]: ASCII as it is (lower-cased when asked), anything else through foldChar. */
function foldedCode(text: string, i: number, lower: boolean): number {
  const code = text.charCodeAt(i);
  if (code < 128) return lower && code >= 65 && code <= 90 ? code + 32 : code;
  let c = foldChar(text[i]);
  if (lower) c = c.toLowerCase();
  return c.charCodeAt(0);
}

/**
 * Fold text[start, end): white space runs become one space and disappear next to a dash, so
 * that "Force – Operation" and "Force-Operation" fold alike. Built in a buffer of character
 * codes: this runs over every sentence, and a string grown one character at a time was a large
 * share of the pipeline's garbage.
 */
export function fold(text: string, start = 0, end = text.length, lower = true): Folded {
  const buf = new Uint16Array(end - start);
  const map = new Int32Array(end - start + 1);
  let n = 0;
  for (let i = start; i < end; i++) {
    const c = foldedCode(text, i, lower);
    // foldChar turns any other white space into a space; ASCII white space is taken as it is.
    if (c === 32 || c === 9 || c === 10 || c === 13) {
      // Collapse runs; drop before a dash and after one.
      let j = i;
      while (j + 1 < end && isSpace(text.charCodeAt(j + 1), text[j + 1])) j++;
      const next = j + 1 < end ? foldedCode(text, j + 1, false) : -1;
      if (n === 0 || buf[n - 1] === 32 || buf[n - 1] === 45 || next === 45) {
        i = j;
        continue;
      }
      buf[n] = 32;
      map[n++] = i;
      i = j;
      continue;
    }
    // "Force – " : the space before the dash goes.
    if (c === 45 && n > 0 && buf[n - 1] === 32) n--;
    buf[n] = c;
    map[n++] = i;
  }
  map[n] = end;
  let out = '';
  for (let k = 0; k < n; k += 8192) out += String.fromCharCode.apply(null, buf.subarray(k, Math.min(n, k + 8192)) as unknown as number[]);
  return { text: out, map: map.subarray(0, n + 1) };
}

/** A slug for an id: "John Barrow" -> "john-barrow", "Hay'at Tahrir al-Sham" -> "hayat-tahrir-al-sham". */
export function slug(name: string): string {
  return fold(name)
    .text.replace(/'/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
