import type { Range } from '../../doc.ts';
import { boilerplateOf, BYLINE, DATE_LABEL, DATE_LABEL_ALONE } from './boilerplate.ts';
import { findDates } from '../meta/dates.ts';

/**
 * The lines of a text, each with what it looks like: article prose, page furniture, a date line,
 * a byline, a menu. The body finder (body.ts) and the title finder (title.ts) work on these.
 */
export type LineKind =
  | 'blank'
  | 'content' //   prose: sentence-like or long
  | 'short' //     a short line that may be a heading, a caption, a title
  | 'boiler' //    furniture (boilerplate.ts), a menu, a byline
  | 'dated' //     a line that is mostly a date or labels one ("Last Modified: ...")
  | 'footer'; //   the article is over (comments, related links, copyright)

export interface Line extends Range {
  /** The trimmed line. */
  text: string;
  kind: LineKind;
  words: number;
  /** Why it got its kind (the boilerplate pattern, 'menu', 'byline', 'sentence', ...). */
  why: string;
  /** A footer that only ever follows an article (comments, copyright). */
  tail?: boolean;
}

const SENTENCE_END = /[.!?…]["'”’»)\]]*$|[.!?]["'”’»]?\s*\(\w[^)]{0,40}\)$/;
const MENU_SEP = /\s+[-–|»›·•>/]\s+|\s*\|\s*/;

/** A navigation or breadcrumb line: three or more short segments between separators. */
export function menuLike(t: string): boolean {
  const parts = t.split(MENU_SEP).filter((p) => p.trim());
  if (parts.length < 3) return false;
  return parts.every((p) => p.trim().split(/\s+/).length <= 4) && !SENTENCE_END.test(t);
}

/** True when a line reads as article prose. */
export function sentenceLike(t: string, words: number): boolean {
  if (words >= 6 && SENTENCE_END.test(t) && /\p{Ll}/u.test(t)) return true;
  // A long paragraph that lost its final stop (a truncated scrape) is still prose.
  return t.length >= 150 && words >= 20;
}

export function classify(t: string): { kind: LineKind; why: string; tail?: boolean } {
  if (!t) return { kind: 'blank', why: '' };
  const words = t.split(/\s+/).length;
  if (t.length <= 300) {
    const b = boilerplateOf(t);
    if (b) return { kind: b.kind, why: b.why, tail: b.tail };
    if (menuLike(t)) return { kind: 'boiler', why: 'menu' };
    if (BYLINE.test(t)) return { kind: 'boiler', why: 'byline' };
    const dates = /\d\d/.test(t) ? findDates(t) : [];
    if (dates.length && !sentenceLike(t, words)) {
      const dated = dates.reduce((s, d) => s + d.text.length, 0);
      // "• Monday, 22 July 2024", "09-11-2017", "Outlet April 6, 2024 News", "Last Modified: ...".
      if (DATE_LABEL.test(t) || words <= 8 || dated / t.length > 0.4) return { kind: 'dated', why: 'date line' };
    }
    if (DATE_LABEL_ALONE.test(t)) return { kind: 'dated', why: 'date label' };
  }
  if (sentenceLike(t, words)) return { kind: 'content', why: 'sentence' };
  return { kind: 'short', why: 'short' };
}

/** The lines of `text` within `range`, classified. */
export function linesOf(text: string, range: Range): Line[] {
  const out: Line[] = [];
  let at = range.start;
  while (at <= range.end) {
    let nl = text.indexOf('\n', at);
    if (nl === -1 || nl > range.end) nl = range.end;
    const raw = text.slice(at, nl);
    const lead = raw.length - raw.trimStart().length;
    const t = raw.trim();
    const { kind, why, tail } = classify(t);
    const line: Line = { start: at + lead, end: at + lead + t.length, text: t, kind, words: t ? t.split(/\s+/).length : 0, why };
    if (tail) line.tail = true;
    out.push(line);
    if (nl >= range.end) break;
    at = nl + 1;
  }
  return out;
}
