import type { EventActor } from '../../../doc.ts';
import { country as isoCountry } from '../../../export/countries.ts';
import { slug } from '../../entities/normalize.ts';
import type { ActorClass, RoleLexicon } from './lexicon.ts';
import type { Candidate } from './candidates.ts';
import type { RoleInput } from './index.ts';

/**
 * An actor's ACLED class (`inter`) and ACLED-style name. A named group takes the pack's `inter`
 * and `acled` ("Islamic State ({country})" is filled with where the event happened); a generic
 * actor its class's name with the country it belongs to ("Military Forces of Syria", "Police
 * Forces of India", "Civilians (Syria)"). A state's forces acting outside their own country are
 * ACLED's external forces (8). A generic state force takes the pack entity that is that force
 * ("Syrian troops" -> org:syrian-army), so that events name it as the named force would be.
 */
const VIOLENT = new Set(['Battles', 'Explosions/Remote violence', 'Violence against civilians']);

export function nameActor(c: Partial<Candidate> & { cls?: ActorClass }, input: RoleInput, lex: RoleLexicon): EventActor {
  const where = input.eventCountry ?? input.focusCountry;
  // A government fights through its forces: in political violence "the Assad regime" is the military.
  if (VIOLENT.has(input.type) && lex.classes.has('military')) {
    const gov = c.named && !c.generic && c.namedActor?.force === 'government' ? c.namedActor.country : !c.named && c.cls?.name === 'government' ? c.country ?? input.focusCountry ?? input.eventCountry : undefined;
    if (gov !== undefined) return nameActor({ cls: lex.classes.get('military'), country: gov ?? null }, input, lex);
  }
  if (c.named && !c.generic && c.entity && !c.namedActor) {
    // A group the pack does not know whose name says it is a state force ("Imphal West police"):
    // that force of the country, under the name the text gives it.
    const words = (c.name ?? '').split(/[\s-]+/);
    const sw = lex.stateNameWords.find((x) => words.some((w) => x.words.test(w)) && lex.classes.has(x.cls));
    // ... or whose head noun is a state force's ("LNA forces", "Houthi troops"): a faction of the country's forces.
    const cls = sw ? lex.classes.get(sw.cls) : c.cls?.state ? c.cls : undefined;
    if (cls) {
      const g = nameActor({ cls, country: c.country ?? null }, input, lex);
      return { entity: c.entity, name: c.name, role: 'actor1', inter: g.inter, acledName: g.acledName };
    }
  }
  if (c.named && !c.generic && c.entity) {
    const na = c.namedActor;
    const cls = c.cls;
    const byName = na?.inter == null && !na?.force ? lex.namedInter.find((n) => (c.name ?? '').split(/[\s-]+/).some((w) => n.words.test(w)))?.inter : undefined;
    // A group the pack does not know: by the words of its name, else by its noun ("ISGS militants": a rebel group), else a militia.
    let inter = na?.inter ?? (na?.force ? 1 : byName ?? (cls && !cls.victim && !cls.state ? (cls.name === 'armed' ? 2 : cls.inter) : 3));
    if (na?.country && input.eventCountry && na.country !== input.eventCountry && (na.force || inter === 1)) inter = 8;
    const acledName = na?.acled ? fill(na.acled, where, lex) : (c.name ?? c.entity);
    return { entity: c.entity, name: c.name, role: 'actor1', inter, acledName };
  }
  const cls = c.cls ?? lex.classes.get('armed');
  if (!cls) return { entity: c.entity ?? 'org:unknown', name: c.name, role: 'actor1' };
  // Forces belong to the country named with them, else (like anyone else) to where they act.
  const cc = c.country ?? where;
  const acledName = fill(cls.acled, cc, lex);
  let inter = cls.inter;
  if (cls.state && cls.abroad && cc && input.eventCountry && cc !== input.eventCountry) inter = cls.abroad;
  const force = cls.state && cc ? lex.forceOf.get(`${cc}|${cls.name}`) : undefined;
  if (force) return { entity: force.id, name: force.name, role: 'actor1', inter, acledName };
  return { entity: `org:${slug(acledName)}`, name: acledName, role: 'actor1', inter, acledName };
}

/** A name template with its country: "Military Forces of {country}" + US -> "Military Forces of the United States". */
function fill(template: string, cc: string | null | undefined, lex: RoleLexicon): string {
  if (!template.includes('{country}')) return template;
  const name = countryName(cc, lex);
  if (!name) return template.replace(/\s*(?:of\s+)?\(?\{country\}\)?/, '').trim();
  const withArticle = /\bof\s+\{country\}/.test(template) && lex.countryArticle.test(name) ? `the ${name}` : name;
  return template.replace('{country}', withArticle);
}

function countryName(cc: string | null | undefined, lex: RoleLexicon): string | null {
  if (!cc) return null;
  const own = lex.countryNames.get(cc.toUpperCase());
  if (own) return own;
  const iso = isoCountry(cc)?.name;
  return iso ? iso.replace(/,.*$/, '') : null;
}
