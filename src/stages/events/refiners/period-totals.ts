import type { ConflictEvent } from '../../../doc.ts';
import type { EventRefiner, RefineContext } from './types.ts';
import { dateRange, daysBetween } from './dates.ts';

/**
 * A toll over a whole war or campaign, or a total since long before ("more than 220,000 killed
 * since 2011", "September was the deadliest month, with the ongoing war killing at least 3,000")
 * is a claim, not an event: it stays in the claims ledger with its claimant, and no event
 * row counts it. A total over a stated period that is not a war's whole length (so many strikes
 * "during the past week", so many operations "in the first quarter") is kept,
 * flagged `aggregate`, as ACLED keeps weekly strike summaries; the incident views and the
 * clustering never join it with an incident. A running tally "since" an act or a day long before
 * ("over 350 civilians have been killed since the ceasefire collapsed on September 19", "since
 * peace talks broke off", "since then"; more than the pack's `running_total_days` before
 * publication) is a claim too; "since Saturday" is a week's total and stays.
 */
export const periodTotals: EventRefiner = {
  name: 'period-totals',
  refine(mentions, ctx) {
    const text = ctx.doc.view.text;
    return mentions.filter((m) => {
      const e = m.event;
      if (!e.aggregate) return true;
      const words = e.evidence.map((r) => text.slice(r.start, r.end)).join(' ');
      const why = ctx.lex.cumulative.test(words) ? 'a war-long toll' : ctx.lex.background.test(words) ? 'a total since long before' : runningTally(e, words, ctx) ? 'a running tally' : null;
      if (!why) return true;
      ctx.log.push(`period-totals: ${e.type}/${e.subtype} at ${e.evidence[0].start} is a claim, not an event (${why})`);
      return false;
    });
  },
};

const SINCE = /\bsince\b/i;

/**
 * A toll "since" an undated act or a day long before publication. (A count of strikes or
 * operations since a month began is the aggregate ACLED keeps: "more than 80 drone strikes since January".)
 */
function runningTally(e: ConflictEvent, words: string, ctx: RefineContext): boolean {
  if (!SINCE.test(words) || e.counts.strikes != null || e.counts.operations != null) return false;
  if (!e.date || e.date.fromPublication) return true;
  const range = dateRange(e.date.value);
  return !!range && !!ctx.published && daysBetween(range.start, ctx.published) > ctx.lex.refine.runningTotalDays;
}
