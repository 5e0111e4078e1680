import type { EventRefiner } from './types.ts';

/**
 * A toll over a whole war or campaign, or a total since long before ("more than 220,000 killed
 * since 2011", "September was the deadliest month, with the ongoing war killing at least 3,000")
 * is a claim, not an event: it stays in the claims ledger with its claimant, and no event
 * row counts it. A total over a stated period that is not a war's whole length (so many strikes
 * "during the past week", so many operations "in the first quarter") is kept,
 * flagged `aggregate`, as ACLED keeps weekly strike summaries; the incident views and the
 * clustering never join it with an incident.
 */
export const periodTotals: EventRefiner = {
  name: 'period-totals',
  refine(mentions, ctx) {
    const text = ctx.doc.view.text;
    return mentions.filter((m) => {
      const e = m.event;
      if (!e.aggregate) return true;
      const words = e.evidence.map((r) => text.slice(r.start, r.end)).join(' ');
      const why = ctx.lex.cumulative.test(words) ? 'a war-long toll' : ctx.lex.background.test(words) ? 'a total since long before' : null;
      if (!why) return true;
      ctx.log.push(`period-totals: ${e.type}/${e.subtype} at ${e.evidence[0].start} is a claim, not an event (${why})`);
      return false;
    });
  },
};
