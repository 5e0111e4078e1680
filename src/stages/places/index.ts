import type { Stage } from '../../stage.ts';
import type { Place } from '../../doc.ts';
import { gazetteer } from '../../gazetteer/index.ts';
import { detectToponyms } from './detect.ts';
import { resolveToponyms } from './resolve.ts';

/**
 * Toponym recognition and resolution: every place name of the article, with coordinates.
 * Reads the entities stage's mentions (GPE/LOC/FAC/NORP) when there are any, and scans the
 * sentences' tokens against the gazetteer itself (see detect.ts); resolve.ts chooses readings.
 */
const focusCache = new WeakMap<object, Set<string>>();
function focusCountries(gaz: ReturnType<typeof gazetteer>): Set<string> {
  let f = focusCache.get(gaz);
  if (!f) focusCache.set(gaz, (f = new Set(gaz.pack.focusCountries ?? [])));
  return f;
}

export const places: Stage = {
  name: 'places',
  needs: ['sentences', 'entities'],
  run(doc, ctx) {
    const gaz = gazetteer(ctx);
    const toponyms = detectToponyms(doc, gaz);
    if (!toponyms.length) return;
    const resolved = resolveToponyms(toponyms, (s) => gaz.lookup(s), focusCountries(gaz));
    // Debug: why each reading was chosen, only where there was a choice (cheap, and what a person asks).
    const why: string[] = [];
    for (const r of resolved) {
      const c = r.place;
      const place: Place = {
        start: r.toponym.start,
        end: r.toponym.end,
        text: r.toponym.text,
        name: c.name,
        lat: c.lat,
        lon: c.lon,
        country: c.country,
        admin1: c.kind === 'country' ? null : gaz.acledAdmin1(c),
        geonameid: c.geonameid,
        kind: c.kind,
      };
      if (c.match === 'demonym') place.demonym = true;
      doc.places.push(place);
      if (r.toponym.candidates.length > 1) why.push(`${r.toponym.start} ${r.toponym.text}: ${c.name} (${c.kind}, ${c.admin1 ? c.admin1 + ', ' : ''}${c.country ?? '-'}) of ${r.toponym.candidates.length}; ${r.why}`);
    }
    if (why.length) doc.debug.places = why;
  },
};
