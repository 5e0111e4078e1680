import type { EventActor } from '../../../doc.ts';
import type { EventRefiner } from './types.ts';

/**
 * "The militants took 900 civilians hostage": a definite generic armed noun (the pack's
 * `definite_armed`) refers to the armed group the article named before it, as a pronoun would.
 * An event whose side is "Unidentified Armed Group" only because its clause says "the
 * militants" takes the nearest armed group (ACLED class 2-4) that an earlier event of the
 * article names; with none named before, it stays unidentified.
 */
export const definiteActors: EventRefiner = {
  name: 'definite-actors',
  refine(mentions, ctx) {
    const text = ctx.doc.view.text;
    const named: Array<{ at: number; actor: EventActor }> = [];
    for (const m of mentions) {
      const e = m.event;
      const at = e.evidence[0]?.start ?? 0;
      const clause = e.evidence[0] ? text.slice(e.evidence[0].start, e.evidence[0].end) : '';
      if (ctx.lex.definiteArmed.test(clause)) {
        const antecedent = [...named].reverse().find((n) => n.at < at);
        if (antecedent) {
          for (const a of e.actors) {
            if (!UNNAMED.test(a.entity) || (a.role !== 'actor1' && a.role !== 'actor2' && a.role !== 'target') || e.actors.some((x) => x.entity === antecedent.actor.entity)) continue;
            ctx.log.push(`definite-actors: ${e.type}/${e.subtype} at ${at}: "${ctx.lex.definiteArmed.exec(clause)?.[0]}" is ${antecedent.actor.acledName ?? antecedent.actor.entity}`);
            Object.assign(a, { entity: antecedent.actor.entity, name: antecedent.actor.name, inter: antecedent.actor.inter, acledName: antecedent.actor.acledName });
            break;
          }
        }
      }
      for (const a of e.actors) if (!UNNAMED.test(a.entity) && a.inter !== undefined && a.inter >= 2 && a.inter <= 4 && a.role !== 'associated') named.push({ at, actor: { ...a } });
    }
    return mentions;
  },
};

const UNNAMED = /^org:unidentified/;
