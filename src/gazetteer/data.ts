import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PlaceKind } from '../doc.ts';
import { withUserPlaces } from './user.ts';

/**
 * The built gazetteer files under data/gazetteer/ (made by scripts/build-gazetteer.ts), parsed into
 * column arrays: 190k records as objects would cost several times the memory.
 */
export const GAZETTEER_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../data/gazetteer');

export const KINDS: PlaceKind[] = ['city', 'admin1', 'admin2', 'country', 'region', 'feature'];

export interface GazetteerData {
  size: number;
  id: Int32Array;
  lat: Float32Array;
  lon: Float32Array;
  pop: Float64Array;
  /** Index into KINDS. */
  kind: Uint8Array;
  name: string[];
  fcode: string[];
  cc: string[];
  admin1: string[];
  /** Alternate names, `|`-joined ('' when none). */
  alts: string[];
  /** "CC.code" -> admin1 name. */
  admin1Names: Map<string, string>;
  /** Demonym ("Turkish") -> ISO country code. */
  demonyms: Map<string, string>;
  /** Common alias ("U.S.", "Britain") -> ISO country code. */
  countryAliases: Map<string, string>;
  /** News-style abbreviation of an admin1 ("Ky.", "B.C.") -> "CC.code". */
  admin1Abbreviations: Map<string, string>;
  /** "CC.code" -> ACLED's name of that admin1 ("SY.12" -> "Idleb"), where it differs or is known. */
  acledAdmin1: Map<string, string>;
}

function lines(file: string, optional = false): string[] {
  if (optional && !existsSync(join(GAZETTEER_DIR, file))) return [];
  const buf = readFileSync(join(GAZETTEER_DIR, file));
  const text = file.endsWith('.gz') ? gunzipSync(buf).toString('utf8') : buf.toString('utf8');
  return text.split('\n').filter((l) => l && !l.startsWith('#'));
}

function pairs(file: string): Map<string, string> {
  const m = new Map<string, string>();
  for (const l of lines(file)) {
    const [k, v] = l.split('\t');
    if (k && v) m.set(k.trim(), v.trim());
  }
  return m;
}

/** The rows, with the user's extracts merged in unless `userPlaces` is false (the bundled index is built without them). */
export function readGazetteerData(opts: { userPlaces?: boolean } = {}): GazetteerData {
  // The user's own extracts (`sitrep gazetteer add`) are merged in here, in the same row shape.
  const bundled = lines('places.tsv.gz');
  const rows = opts.userPlaces === false ? bundled : withUserPlaces(bundled);
  const n = rows.length;
  const d: GazetteerData = {
    size: n,
    id: new Int32Array(n),
    lat: new Float32Array(n),
    lon: new Float32Array(n),
    pop: new Float64Array(n),
    kind: new Uint8Array(n),
    name: new Array(n),
    fcode: new Array(n),
    cc: new Array(n),
    admin1: new Array(n),
    alts: new Array(n),
    admin1Names: new Map(),
    demonyms: pairs('demonyms.tsv'),
    countryAliases: pairs('country-aliases.tsv'),
    admin1Abbreviations: pairs('admin1-abbreviations.tsv'),
    // scripts/build-acled-admin1.ts: derived from ACLED events' coordinates (columns after the name are provenance).
    acledAdmin1: new Map(lines('acled-admin1.tsv', true).map((l) => l.split('\t')).filter((f) => f[0] && f[1]).map((f) => [f[0], f[1]] as [string, string])),
  };
  for (let i = 0; i < n; i++) {
    const f = rows[i].split('\t');
    d.id[i] = Number(f[0]);
    d.name[i] = f[1];
    d.lat[i] = Number(f[2]);
    d.lon[i] = Number(f[3]);
    d.kind[i] = Math.max(0, KINDS.indexOf(f[4] as PlaceKind));
    d.fcode[i] = f[5];
    d.cc[i] = f[6];
    d.admin1[i] = f[7];
    d.pop[i] = Number(f[8]) || 0;
    d.alts[i] = f[9] ?? '';
  }
  for (const l of lines('admin1.tsv.gz')) {
    const [code, name] = l.split('\t');
    d.admin1Names.set(code, name);
  }
  addAdmin1Names(d);
  return d;
}

/** A division's own row names it where the code table does not (a user extract's divisions). */
function addAdmin1Names(d: GazetteerData): void {
  const admin1 = KINDS.indexOf('admin1');
  for (let i = 0; i < d.size; i++) {
    if (d.kind[i] !== admin1 || !d.cc[i] || !d.admin1[i]) continue;
    const code = `${d.cc[i]}.${d.admin1[i]}`;
    if (!d.admin1Names.has(code)) d.admin1Names.set(code, d.name[i]);
  }
}
