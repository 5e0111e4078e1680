import type { View } from '../doc.ts';

/**
 * Mojibake repair: UTF-8 text that was once decoded as Windows-1252 (or Latin-1) and saved that
 * way, as scraped archives often are: "donâ€™t" for "don’t", "cafÃ©" for "café". The input as
 * read stays the input (every offset points into it); the repaired text is a view over it, with a
 * map from every view character back to the raw characters it came from, as the HTML view maps an
 * entity: "’" is one view character from the three raw ones "â€™".
 *
 * A run is repaired only when its characters, turned back into the bytes Windows-1252 gave them,
 * are one valid UTF-8 sequence: a lead byte (C2-F4) and exactly its continuation bytes (80-BF).
 * Ordinary Latin text almost never has that shape (an accented capital followed by one or two
 * symbols from the C1/punctuation block), so text that is fine is left alone. Text mis-decoded
 * twice ("Ã¢â‚¬â„¢") is repaired pass by pass until nothing changes.
 */

/** Windows-1252's characters at bytes 80-9F (the rest of 00-FF are Latin-1's own code points). */
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
const BYTE_OF = new Map<number, number>();
for (let b = 0x80; b <= 0xff; b++) BYTE_OF.set(b, b); // Latin-1 (and the C1 controls a Latin-1 decoder leaves)
for (let i = 0; i < 32; i++) BYTE_OF.set(CP1252_HIGH.charCodeAt(i), 0x80 + i);

/** The byte a character stood for when the text was mis-decoded, or -1 (ASCII is never part of a run). */
function byteOf(code: number): number {
  return BYTE_OF.get(code) ?? -1;
}

/** How many continuation bytes a UTF-8 lead byte takes (0: not a lead byte we repair). */
function continuations(lead: number): number {
  if (lead >= 0xc2 && lead <= 0xdf) return 1;
  if (lead >= 0xe0 && lead <= 0xef) return 2;
  if (lead >= 0xf0 && lead <= 0xf4) return 3;
  return 0;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** A quick test: some lead character followed by a character that can stand for a continuation byte. */
const MAYBE = /[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201a\u201c-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]/;

/** One repair: the repaired text and, per repaired character, the [start, end) of the text it came from. */
export interface Repair {
  text: string;
  starts: Int32Array;
  ends: Int32Array;
}

/** One pass over a text: every mis-decoded sequence becomes its character. Null when there is none. */
function repairOnce(text: string): Repair | null {
  if (!MAYBE.test(text)) return null;
  const n = text.length;
  let starts = new Int32Array(n);
  let ends = new Int32Array(n);
  const out: string[] = [];
  let len = 0;
  let changed = false;
  let copyFrom = 0; // text[copyFrom, i) is copied unchanged when the next repair (or the end) comes
  const copyTo = (to: number) => {
    if (to <= copyFrom) return;
    out.push(text.slice(copyFrom, to));
    for (let k = copyFrom; k < to; k++) {
      starts[len] = k;
      ends[len++] = k + 1;
    }
  };
  for (let i = 0; i < n; i++) {
    const need = continuations(byteOf(text.charCodeAt(i)));
    if (!need || i + need >= n) continue;
    const bytes = new Uint8Array(need + 1);
    bytes[0] = byteOf(text.charCodeAt(i));
    let ok = true;
    for (let k = 1; k <= need && ok; k++) {
      let b = byteOf(text.charCodeAt(i + k));
      // Windows-1252 has no character for byte 9D, so a decoder wrote U+FFFD for it: after "â€"
      // (E2 80) that byte ends the closing double quote ” (E2 80 9D), by far the commonest reading.
      if (b < 0 && k === 2 && bytes[0] === 0xe2 && bytes[1] === 0x80 && text.charCodeAt(i + k) === 0xfffd) b = 0x9d;
      if (b < 0x80 || b > 0xbf) ok = false;
      else bytes[k] = b;
    }
    if (!ok) continue;
    let ch: string;
    try {
      ch = strictUtf8.decode(bytes); // rejects overlong forms and surrogates
    } catch {
      continue;
    }
    copyTo(i);
    out.push(ch);
    // An astral character is two UTF-16 units: both come from the whole raw run.
    for (let k = 0; k < ch.length; k++) {
      starts[len] = i;
      ends[len++] = i + need + 1;
    }
    changed = true;
    i += need;
    copyFrom = i + 1;
  }
  if (!changed) return null;
  copyTo(n);
  starts = starts.slice(0, len);
  ends = ends.slice(0, len);
  return { text: out.join(''), starts, ends };
}

/** At most this many passes: text mis-decoded three times over is noise, not an archive's habit. */
const MAX_PASSES = 3;

/**
 * The text with its mojibake repaired, and the map of every repaired character back into the
 * text given; null when there is nothing to repair (the common case, and cheap).
 */
export function repairMojibake(text: string): Repair | null {
  let result: Repair | null = null;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const next = repairOnce(result ? result.text : text);
    if (!next) break;
    result = result ? compose(next, result) : next;
  }
  return result;
}

/** A map over a map: `outer` maps into the text `inner` was made from. */
function compose(outer: Repair, inner: { starts: Int32Array; ends: Int32Array }): Repair {
  const n = inner.starts.length;
  // Where position k of the middle text starts in the inner text (k = n: the end).
  const at = (k: number) => (k < n ? inner.starts[k] : n ? inner.ends[n - 1] : 0);
  const starts = new Int32Array(outer.starts.length);
  const ends = new Int32Array(outer.ends.length);
  for (let i = 0; i < starts.length; i++) {
    starts[i] = at(outer.starts[i]);
    // A view character made from nothing (a line break for a block tag) keeps an empty range.
    ends[i] = outer.ends[i] > outer.starts[i] ? inner.ends[Math.min(outer.ends[i], n) - 1] : starts[i];
  }
  return { text: outer.text, starts, ends };
}

/**
 * The view a reader gives a document whose input is `raw` and whose view of it is `view`
 * (`map: null`: the view is the raw text itself), with the view's mojibake repaired. For HTML,
 * repair the raw page before making its view instead (`repairMojibake` then `composeView`), so
 * that ranges found while making the view stay valid.
 */
export function repairedView(view: View): View {
  const fix = repairMojibake(view.text);
  if (!fix) return view;
  return { text: fix.text, map: view.map ? compose(fix, view.map) : { starts: fix.starts, ends: fix.ends } };
}

/** A view made from a repaired text (`repair`), mapped onward into the text the repair was made from. */
export function composeView(view: View, repair: Repair | null): View {
  if (!repair) return view;
  if (!view.map) return { text: view.text, map: { starts: repair.starts, ends: repair.ends } };
  return { text: view.text, map: compose({ text: view.text, starts: view.map.starts, ends: view.map.ends }, repair) };
}

/** The view of a plain text (a .txt file, a record's text field): undefined when the text is its own view. */
export function plainTextView(text: string): View | undefined {
  const fix = repairMojibake(text);
  return fix ? { text: fix.text, map: { starts: fix.starts, ends: fix.ends } } : undefined;
}
