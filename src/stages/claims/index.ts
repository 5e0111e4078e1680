import type { Stage } from '../../stage.ts';
import { figures } from '../events/figures.ts';
import { attributions } from '../events/attribution.ts';
import { lexicon } from '../events/lexicon.ts';
import type { Context } from '../../context.ts';

/** The units the pack names (fighters, people, strikes, ...). */
function ctxUnits(ctx: Context): Set<string> {
  return ctx.resource('claims.units', (c) => new Set(lexicon(c).nounUnits.values()));
}

/**
 * The claims ledger: every numeric statement of the article, with what it counts (unit), whose
 * figure it is (subject entity), who says so (claimant entity and name) and the sentence it stands
 * in (evidence). Event and non-event figures alike: "approximately 2,500 ISIS fighters remain",
 * "trained more than 116,000", "$200mn", "41,000sq km".
 *
 * Figures and attributions are shared with the events stage (computed once per Doc). Vague words
 * too weak to state a figure by themselves ("several", "a number of") become claims only where a
 * cue says what they count ("killing several fighters").
 */
export const claims: Stage = {
  name: 'claims',
  needs: ['sentences', 'entities', 'events'],
  run(doc, ctx) {
    const figs = figures(doc, ctx);
    if (!figs.length) return;
    const attrs = attributions(doc, ctx);
    for (const f of figs) {
      if (f.weak && f.how !== 'before' && f.how !== 'after') continue;
      // A lone "one" counting nothing known ("one house where", "one of") states no figure.
      if (f.value === 1 && !f.approximate && /^(?:one|a)\b/i.test(f.text) && f.how !== 'before' && f.how !== 'after' && !ctxUnits(ctx).has(f.unit)) continue;
      const who = attrs[f.sentence];
      const s = doc.sentences[f.sentence];
      doc.claims.push({
        start: f.start,
        end: f.end,
        text: f.text,
        value: f.value,
        low: f.low,
        high: f.high,
        unit: f.unit,
        subject: f.subject,
        claimant: who?.entity ?? null,
        claimantName: who?.name ?? null,
        approximate: f.approximate,
        evidence: { start: s.start, end: s.end },
      });
    }
  },
};
