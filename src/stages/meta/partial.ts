import type { PublishedDate } from '../../doc.ts';
import type { Dateline } from './dateline.ts';
import type { FoundDate } from './dates.ts';

/**
 * The date of a wire dateline that names no year ("DAMASCUS, Jan 12 (Reuters) -", "BEIRUT, Aug. 5
 * (AP) —"), completed with a year from other evidence. A story is published on or before:
 * - the day its page was fetched (crawl date),
 * - a date the page shows above the story (the site's "today" banner),
 * - the reference date the caller gave (the corpus's "today"),
 * so the year is the one that puts the dateline's day on or before the first of these, within a
 * year of it. Without any of them the date stays partial: `XXXX-01-12` in debug, never a guess.
 */
export interface Bound {
  value: string;
  /** Where the bound came from: 'crawl-date', 'header-date', 'reference-date'. */
  why: string;
}

export type Completed = { date: PublishedDate; rule: string } | { partial: string; text: string };

const pad = (n: number) => String(n).padStart(2, '0');

export function completeDatelineDate(dl: Dateline, bounds: Bound[]): Completed | null {
  const d = dl.date;
  if (!d || d.year !== null) return null;
  const md = `${pad(d.month)}-${pad(d.day)}`;
  for (const b of bounds) {
    if (!/^\d{4}-\d\d-\d\d/.test(b.value)) continue;
    let y = +b.value.slice(0, 4);
    if (`${y}-${md}` > b.value.slice(0, 10)) y--;
    // 29 February: go back to the last leap year within the window, else give up on this bound.
    if (!valid(y, d.month, d.day)) continue;
    return {
      date: { start: d.start, end: d.end, text: d.text, value: `${y}-${md}`, precision: 'day' },
      rule: `wire-dateline; year from ${b.why}`,
    };
  }
  return { partial: `XXXX-${md}`, text: d.text };
}

function valid(y: number, m: number, d: number): boolean {
  return m >= 1 && m <= 12 && d >= 1 && d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** The latest full-day date among `dates` (header banners), as a bound. */
export function latestDay(dates: FoundDate[]): string | null {
  let best: string | null = null;
  for (const f of dates) if (f.precision === 'day' && !f.alt && !f.weekdayMismatch && (!best || f.value > best)) best = f.value;
  return best;
}
