import type { Doc, Place } from '../../doc.ts';
import type { Gazetteer } from '../../gazetteer/index.ts';
import { plausibleName, type NotPlaceRules } from './detect.ts';

/**
 * Named places no gazetteer lists: streets ("the 400 block of Assiniboine Avenue"), estates, buildings,
 * townships, hamlets. The entities stage tags them GPE, LOC or FAC; the gazetteer has no such name at all.
 * They are placed where the text puts them, coarser and said so: at the town named in their own
 * sentence, else the town the document names most (a local report's streets lie in its town), else its
 * most named district or province, always in the document's main country. The name stays; the
 * place's kind is the division it was placed by (`admin2` for a town: ACLED precision 2, "near it").
 */
export function placeUnlisted(doc: Doc, gaz: Gazetteer, rules: NotPlaceRules): Array<{ place: Place; at: string }> {
  const text = doc.view.text;
  // Anchors: places the gazetteer placed (not other stand-ins, not nationalities).
  const known = doc.places.filter((p) => !p.demonym && p.geonameid !== null);
  if (!known.length) return [];
  // The document's main country: the one most of its places lie in.
  const byCountry = new Map<string, number>();
  for (const p of doc.places) if (p.country && !p.demonym) byCountry.set(p.country, (byCountry.get(p.country) ?? 0) + 1);
  const main = [...byCountry].sort((a, b) => b[1] - a[1])[0]?.[0];
  if (!main) return [];
  const local = known.filter((p) => p.country === main && (p.kind === 'city' || p.kind === 'admin2' || p.kind === 'admin1'));
  if (!local.length) return [];
  const tally = (kind: Place['kind']) => {
    const n = new Map<string, { p: Place; n: number }>();
    for (const p of local) {
      if (p.kind !== kind) continue;
      const k = `${p.name}|${p.lat}|${p.lon}`;
      const t = n.get(k);
      if (t) t.n++;
      else n.set(k, { p, n: 1 });
    }
    return [...n.values()].sort((a, b) => b.n - a.n || a.p.start - b.p.start)[0]?.p;
  };
  const docTown = tally('city') ?? tally('admin2');
  const docProvince = tally('admin1');
  const out: Array<{ place: Place; at: string }> = [];
  const taken = (s: number, e: number) => doc.places.some((p) => p.start < e && s < p.end) || out.some((o) => o.place.start < e && s < o.place.end);
  for (const m of doc.mentions) {
    if (m.type !== 'GPE' && m.type !== 'LOC' && m.type !== 'FAC') continue;
    let start = m.start;
    let name = text.slice(m.start, m.end);
    const the = /^the\s+/i.exec(name);
    if (the) [start, name] = [start + the[0].length, name.slice(the[0].length)];
    name = name.replace(/['’]s$/, '');
    const end = start + name.length;
    if (name.length < 3 || !/^\p{Lu}/u.test(name) || /\d/.test(name) || taken(start, end)) continue;
    // Anything the gazetteer knows by this name was weighed by detection and set aside on purpose.
    if (gaz.has(name) || gaz.hasLoose(name) || rules.outlets.has(name) || !plausibleName(name, rules, m.type === 'FAC')) continue;
    // Evidence that it is a place: its own head noun ("Assiniboine Avenue", "South Kilburn Estate") or,
    // for a name the tagger calls a place, a locative word before it ("in Khayelitsha", "at Makeen").
    const head = PLACE_NOUN.test(name);
    const before = text.slice(Math.max(0, start - 25), start).toLowerCase().split(/\s+/).filter(Boolean);
    if (!head && !(m.type !== 'FAC' && name.split(' ').length <= 3 && CUES.has(before[before.length - 1] ?? ''))) continue;
    const sent = doc.sentences.find((s) => s.start <= start && end <= s.end);
    const inSentence = sent ? local.filter((p) => p.start >= sent.start && p.end <= sent.end && p.kind !== 'admin1') : [];
    const nearest = inSentence.length ? inSentence.reduce((a, b) => (Math.abs(b.start - start) < Math.abs(a.start - start) ? b : a)) : undefined;
    const by = nearest ?? docTown ?? docProvince;
    if (!by) continue;
    const kind: Place['kind'] = by.kind === 'admin1' ? 'admin1' : 'admin2';
    out.push({
      place: { start, end, text: name, name, lat: by.lat, lon: by.lon, country: by.country, admin1: by.admin1, geonameid: null, kind },
      at: `${by.name}${nearest ? ' (its sentence)' : by === docTown ? ' (the town the document names most)' : ''}`,
    });
  }
  return out;
}

/** Head nouns of streets, estates, buildings and settlements: general English, any city. */
const PLACE_NOUN = /\s(?:Street|St\.?|Avenue|Ave\.?|Road|Rd\.?|Drive|Dr\.|Lane|Boulevard|Blvd\.?|Highway|Parkway|Square|Plaza|Circle|Estate|Estates|Park|Bridge|Village|Township|Town|Heights|Hills|Beach|Island|Bay|Creek|River|Lake|Valley|Camp|Airport|Airbase|Hospital|Stadium|Arena|Mall|Market|Church|Cathedral|Mosque|Temple|Basilica|Palace|Castle|Tower|Towers|Building|Prison|Base|Harbour|Harbor|Port|Quarter|District|Neighbourhood|Neighborhood|Settlement|Camp|Refinery|Dam|Checkpoint|Crossing)$/;
/** The word right before a place's name ("in", "at", "near"): the tagger's GPE/LOC is then where something is. */
const CUES = new Set(['in', 'at', 'near', 'outside', 'inside', 'around', 'across']);
