/**
 * Letter-case tests on a word's first character, for the per-token loops of the NER stages. A
 * regular-expression literal inside a loop is a new RegExp object on every pass (that is how
 * JavaScript evaluates literals), which made these one-character tests a large share of the
 * pipeline's garbage; ASCII is decided from the character code, anything else by one shared
 * Unicode expression, so the answers are those of /^\p{Lu}/u and /^\p{Ll}/u.
 */

const UPPER = /^\p{Lu}/u;
const LOWER = /^\p{Ll}/u;

/** Does the word start with an upper-case letter (any script)? */
export function startsUpper(w: string): boolean {
  const c = w.charCodeAt(0);
  if (c < 128) return c >= 65 && c <= 90;
  return UPPER.test(w);
}

/** Does the word start with a lower-case letter (any script)? */
export function startsLower(w: string): boolean {
  const c = w.charCodeAt(0);
  if (c < 128) return c >= 97 && c <= 122;
  return LOWER.test(w);
}
