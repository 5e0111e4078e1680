/**
 * Build data/basemap/labels.tsv.gz, the map's place labels (run: `node --import tsx scripts/build-basemap-labels.ts`).
 *
 * Natural Earth's admin-1 and populated-places layers are not in any npm package this project can
 * install (world-atlas ships countries and land only), so the labels come from the offline
 * gazetteer the pipeline already bundles (GeoNames): every first-level division at its GeoNames
 * point (named as ACLED names it where the gazetteer knows that name), and every populated place
 * of 100,000 people or more (not sections of a city). The map shows them by zoom (admin1
 * names at region zoom, cities by size as it zooms in), never overlapping.
 *
 * Columns: name, lat, lon, kind (a = admin1, c = city), population in thousands (cities), country code.
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readGazetteerData, KINDS } from '../src/gazetteer/data.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'data/basemap/labels.tsv.gz');
const MIN_CITY_POP = 100_000;

const d = readGazetteerData({ userPlaces: false });
const A1 = KINDS.indexOf('admin1');
const CITY = KINDS.indexOf('city');
const rows: string[] = ['# name\tlat\tlon\tkind\tpop_k\tcc (from the bundled GeoNames gazetteer; scripts/build-basemap-labels.ts)'];
let a1 = 0, cities = 0;
for (let i = 0; i < d.size; i++) {
  const admin = d.kind[i] === A1;
  // A section of a city (PPLX: "Al Mawşil al Jadīdah", New Mosul) is no label of its own.
  const city = d.kind[i] === CITY && d.pop[i] >= MIN_CITY_POP && d.fcode[i] !== 'PPLX';
  if (!admin && !city) continue;
  // A division by the name the dashboard's admin1 filter and ACLED use ("Idleb"), else GeoNames' without its gloss ("Homs (Hims)").
  const raw = (admin && d.acledAdmin1.get(`${d.cc[i]}.${d.admin1[i]}`)) || d.name[i];
  const name = raw.replace(/\s*\([^)]*\)\s*$/, '').replace(/[\t\n]/g, ' ');
  rows.push([name, d.lat[i].toFixed(2), d.lon[i].toFixed(2), admin ? 'a' : 'c', admin ? '' : String(Math.round(d.pop[i] / 1000)), d.cc[i]].join('\t'));
  admin ? a1++ : cities++;
}
mkdirSync(dirname(OUT), { recursive: true });
const gz = gzipSync(rows.join('\n') + '\n', { level: 9 });
writeFileSync(OUT, gz);
console.log(`${OUT}: ${a1} admin1, ${cities} cities >= ${MIN_CITY_POP}, ${gz.length} bytes`);
