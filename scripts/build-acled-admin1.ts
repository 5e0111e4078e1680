/**
 * Build data/gazetteer/acled-admin1.tsv: GeoNames admin1 code -> ACLED's admin1 name
 * (run: `node --import tsx scripts/build-acled-admin1.ts [ACLED.jsonl ...]`).
 *
 * ACLED names first-level divisions its own way ("Idleb", "Dar'a", "Al-Hasakeh", "Central Serbia",
 * "Distrito Federal"), and users join ACLED data on those names. The mapping is derived, not typed
 * per name: every ACLED event with coordinates (by default ../shared/dev/acled-notes.jsonl, the gold
 * format of ../shared/CONTRACT.md) is placed in the GeoNames admin1 of the nearest populated place of
 * the offline gazetteer in the same country (within 25 km); each GeoNames division takes the ACLED
 * name more than half of its events carry. Divisions no event falls in keep GeoNames' name, except the ones of
 * `LISTED` below (ACLED's spellings for Syria and Iraq, as ACLED's own exports and FA-KES write them),
 * used only where the derivation has no vote.
 *
 * Output columns: `CC.code  acled_name  votes  total  how` (how = derived | listed). Only names are
 * written, never event data.
 */
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readGazetteerData, KINDS } from '../src/gazetteer/data.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const inputs = process.argv.slice(2);
if (!inputs.length) inputs.push(resolve(ROOT, '../shared/dev/acled-notes.jsonl'));
const OUT = join(ROOT, 'data/gazetteer/acled-admin1.tsv');

/** ACLED's names of the Syrian and Iraqi governorates (GeoNames codes), for divisions without a vote. */
const LISTED: Record<string, string> = {
  'SY.01': 'Al-Hasakeh', 'SY.02': 'Lattakia', 'SY.03': 'Quneitra', 'SY.04': 'Ar-Raqqa', 'SY.05': 'As-Sweida',
  'SY.06': "Dar'a", 'SY.07': 'Deir-ez-Zor', 'SY.08': 'Rural Damascus', 'SY.09': 'Aleppo', 'SY.10': 'Hama',
  'SY.11': 'Homs', 'SY.12': 'Idleb', 'SY.13': 'Damascus', 'SY.14': 'Tartous',
  'IQ.01': 'Al-Anbar', 'IQ.02': 'Basrah', 'IQ.03': 'Muthanna', 'IQ.04': 'Al-Qadissiya', 'IQ.05': 'Sulaymaniyah',
  'IQ.06': 'Babylon', 'IQ.07': 'Baghdad', 'IQ.08': 'Duhok', 'IQ.09': 'Thi-Qar', 'IQ.10': 'Diyala', 'IQ.11': 'Erbil',
  'IQ.12': 'Kerbala', 'IQ.13': 'Kirkuk', 'IQ.14': 'Maysan', 'IQ.15': 'Ninewa', 'IQ.16': 'Wassit', 'IQ.17': 'Najaf',
  'IQ.18': 'Salah al-Din',
};

const data = readGazetteerData();
// A 0.5° grid of populated places per country: the nearest one within 25 km gives the admin1 code.
const grid = new Map<string, number[]>();
const cell = (cc: string, lat: number, lon: number) => `${cc}:${Math.floor(lat * 2)}:${Math.floor(lon * 2)}`;
for (let i = 0; i < data.size; i++) {
  if (KINDS[data.kind[i]] !== 'city' || !data.admin1[i] || data.admin1[i] === '00') continue;
  const k = cell(data.cc[i], data.lat[i], data.lon[i]);
  const list = grid.get(k);
  if (list) list.push(i);
  else grid.set(k, [i]);
}
function km(aLat: number, aLon: number, bLat: number, bLon: number): number {
  const r = Math.PI / 180;
  const h = Math.sin(((bLat - aLat) * r) / 2) ** 2 + Math.cos(aLat * r) * Math.cos(bLat * r) * Math.sin(((bLon - aLon) * r) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)));
}
function admin1At(cc: string, lat: number, lon: number): string | null {
  let best = 25;
  let code: string | null = null;
  const y = Math.floor(lat * 2);
  const x = Math.floor(lon * 2);
  for (let dy = -1; dy <= 1; dy++)
    for (let dx = -1; dx <= 1; dx++)
      for (const i of grid.get(`${cc}:${y + dy}:${x + dx}`) ?? []) {
        const d = km(lat, lon, data.lat[i], data.lon[i]);
        if (d < best) [best, code] = [d, `${cc}.${data.admin1[i]}`];
      }
  return code;
}

const votes = new Map<string, Map<string, number>>();
let events = 0;
let placed = 0;
for (const file of inputs) {
  if (!existsSync(file)) throw new Error(`${file}: not found`);
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const doc = JSON.parse(line) as { events?: Array<{ location?: { lat?: number; lon?: number; country?: string; admin1?: string } | null }> };
    for (const e of doc.events ?? []) {
      const l = e.location;
      if (!l || l.lat == null || l.lon == null || !l.country || !l.admin1) continue;
      events++;
      const code = admin1At(l.country, l.lat, l.lon);
      if (!code) continue;
      placed++;
      let v = votes.get(code);
      if (!v) votes.set(code, (v = new Map()));
      v.set(l.admin1, (v.get(l.admin1) ?? 0) + 1);
    }
  }
}

const rows: string[] = [];
const done = new Set<string>();
for (const [code, v] of [...votes].sort((a, b) => a[0].localeCompare(b[0]))) {
  const [name, n] = [...v].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0];
  const total = [...v.values()].reduce((a, b) => a + b, 0);
  // A tie (a border town coded to the neighbour) says nothing: GeoNames' name stays.
  if (n * 2 <= total) continue;
  rows.push([code, name, n, total, 'derived'].join('\t'));
  done.add(code);
}
for (const [code, name] of Object.entries(LISTED)) if (!done.has(code)) rows.push([code, name, 0, 0, 'listed'].join('\t'));
rows.sort();
const header = [
  '# GeoNames admin1 code -> ACLED admin1 name. Generated by scripts/build-acled-admin1.ts; do not edit by hand.',
  `# derived: ${placed} of ${events} ACLED events (ACLED export of 27 Apr-9 May 2020, all regions) placed in the GeoNames admin1 of the`,
  '# nearest gazetteer place in the same country (<= 25 km); each division takes the ACLED name more than half its events carry.',
  '# listed: ACLED spellings of Syrian and Iraqi governorates with no event in that export. Names only (no event data).',
  '# code\tacled_name\tvotes\ttotal\thow',
];
writeFileSync(OUT, header.join('\n') + '\n' + rows.join('\n') + '\n');
console.log(`${OUT}: ${rows.length} divisions (${done.size} derived from ${placed}/${events} events)`);
