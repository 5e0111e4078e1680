import type { Range } from '../../doc.ts';

/**
 * Is a text written without case: all lower case (an archive that lower-cased its corpus, some
 * feeds) or all capitals (OCR, wire copy, telex)? Decided over the text's long lines, so that a
 * cased header line an archive adds ("This story is from March 10, 2002") or a shouted headline
 * does not decide it: when most letters of the long lines are in caseless lines, the document is.
 */
export type CaseMode = 'lower' | 'upper';

export interface LineCase extends Range {
  /** 'lower' or 'upper' when this line is written without case; null when it has case. */
  mode: CaseMode | null;
}

const MIN_LETTERS = 40;

function count(text: string, r: Range): { letters: number; upper: number; lower: number } {
  let letters = 0;
  let upper = 0;
  let lower = 0;
  for (let i = r.start; i < r.end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 97 && c <= 122) {
      letters++;
      lower++;
    } else if (c >= 65 && c <= 90) {
      letters++;
      upper++;
    } else if (c >= 0xc0) {
      const ch = text[i];
      if (ch !== ch.toLowerCase()) (letters++, upper++);
      else if (ch !== ch.toUpperCase()) (letters++, lower++);
    }
  }
  return { letters, upper, lower };
}

/** A line's case: lower when under 1% of its letters are capitals (a sentence start every 100 letters is 1%), upper when under 5% are small. */
function lineMode(c: { letters: number; upper: number; lower: number }): CaseMode | null {
  if (!c.letters) return null;
  if (c.upper / c.letters < 0.01) return 'lower';
  if (c.lower / c.letters < 0.05) return 'upper';
  return null;
}

/** The document's case mode and its lines, or null when the document is written with case. */
export function caseMode(text: string, within: Range = { start: 0, end: text.length }): { mode: CaseMode; lines: LineCase[] } | null {
  const lines: LineCase[] = [];
  const total = { lower: 0, upper: 0, cased: 0 };
  let at = within.start;
  while (at < within.end) {
    let nl = text.indexOf('\n', at);
    if (nl < 0 || nl > within.end) nl = within.end;
    const c = count(text, { start: at, end: nl });
    const mode = lineMode(c);
    lines.push({ start: at, end: nl, mode });
    if (c.letters >= MIN_LETTERS || lines.length === 1) {
      if (mode === 'lower') total.lower += c.letters;
      else if (mode === 'upper') total.upper += c.letters;
      else total.cased += c.letters;
    }
    at = nl + 1;
  }
  const all = total.lower + total.upper + total.cased;
  if (all < MIN_LETTERS) return null;
  if (total.lower >= 0.8 * all) return { mode: 'lower', lines };
  if (total.upper >= 0.8 * all) return { mode: 'upper', lines };
  return null;
}
