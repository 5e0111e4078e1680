import type { EventRefiner, Mention, RefineContext } from './types.ts';
import { dateRange, daysBetween } from './dates.ts';

/**
 * Background makes no event: history told to explain the news ("Aleppo, divided since fighting
 * erupted in 2012", "the conflict began when ..."), an incident dated long before publication,
 * and the pack's background phrases ("has been under siege since", "since the start of the war")
 * when the clause names no recent day. A figure in such a sentence still goes to the claims
 * ledger (the claims stage reads figures, not events).
 */
export const background: EventRefiner = {
  name: 'background',
  refine(mentions, ctx) {
    return mentions.filter((m) => {
      const why = backgroundReason(m, ctx);
      if (why) ctx.log.push(`background: dropped ${m.event.type}/${m.event.subtype} at ${m.event.evidence[0].start} (${why})`);
      return !why;
    });
  },
};

function backgroundReason(m: Mention, ctx: RefineContext): string | null {
  const { event } = m;
  const text = ctx.doc.view.text;
  const ownDate = event.date && !event.date.fromPublication ? event.date : null;
  if (ownDate && ctx.published) {
    const range = dateRange(ownDate.value);
    if (range && daysBetween(range.end, ctx.published) >= ctx.lex.refine.backgroundDays) return `dated ${ownDate.value}, long before ${ctx.published}`;
  }
  const evidence = event.evidence.map((r) => text.slice(r.start, r.end)).join(' ');
  ctx.lex.background.lastIndex = 0;
  const recent = ownDate && ownDate.precision === 'day';
  if (!recent && ctx.lex.background.test(evidence)) return 'background phrase';
  return null;
}
