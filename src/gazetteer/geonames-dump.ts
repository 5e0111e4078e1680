import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { createInterface } from 'node:readline';
import { basename } from 'node:path';
import type { Readable } from 'node:stream';
import { zipMembers, openZipMember } from './zip.ts';

/**
 * GeoNames country dumps (https://download.geonames.org/export/dump/: `UA.zip`, `SD.zip`, ...; also
 * `cities500.zip` and the like) turned into rows of the bundled gazetteer's shape
 * (`id name lat lon kind fcode cc admin1 pop alternates`, as in data/gazetteer/places.tsv.gz).
 *
 * The dump's 19 tab-separated columns: geonameid, name, asciiname, alternatenames (comma-separated),
 * latitude, longitude, feature class, feature code, country code, cc2, admin1 code, admin2 code,
 * admin3 code, admin4 code, population, elevation, dem, timezone, modification date.
 */
export const DUMP_COLUMNS = 19;

/** Alternate names worth indexing: Latin script, not a translated "X Province"-style label in a foreign language. */
export function usefulAlt(a: string): boolean {
  if (!a || a.length < 3 || a.length > 60) return false;
  if (!/^[\p{Script=Latin}\d\s'’‘`ʿʾ().,-]+$/u.test(a)) return false;
  // Foreign-language admin labels add nothing but ambiguity ("Kegubernuran", "Séng", "muhāfaza", "Tỉnh").
  if (/\b(?:kegubernuran|pentadbiran|séng|tỉnh|muh[aā]faza|gubernio|gubernija|kormányzóság|maakunta|probintzia|eskualdea|guvernement|guvernorát|gouvernement|governació|gobernación|guvernoratul|kubernerkond|muchafaza|ili|mühafəzəsi|mühafazası|provints|pokrajina|governatorato|gouvernorat|guvernementet|muhofazoti|muhofazasi|gubernatorligi|hérað|parêzga|parêzgeha|komar)\b/iu.test(a)) return false;
  return true;
}

/** Historical, abandoned and destroyed places are no reading of today's news. */
const SKIP_PPL = new Set(['PPLH', 'PPLQ', 'PPLW', 'PPLCH']);

export interface DumpRow {
  /** The row in the bundled shape (tab-separated, no newline). */
  row: string;
  cc: string;
  kind: 'city' | 'admin1' | 'admin2';
  alternates: number;
}

/**
 * One dump line as a gazetteer row, or null for what the gazetteer does not hold: populated places
 * (class P, sections of cities included: a quarter is how news places a strike in a city) and the
 * first three levels of divisions (ADM3 as a second-level division: GeoNames' ADM2/ADM3 split differs
 * by country, and both are what reports call a district). Countries are bundled already.
 */
export function dumpRow(fields: string[]): DumpRow | null {
  const [id, name, ascii, alternates, lat, lon, fclass, fcode, cc, , admin1] = fields;
  let kind: DumpRow['kind'];
  if (fclass === 'P' && !SKIP_PPL.has(fcode)) kind = 'city';
  else if (fclass === 'A' && fcode === 'ADM1') kind = 'admin1';
  else if (fclass === 'A' && (fcode === 'ADM2' || fcode === 'ADM3')) kind = 'admin2';
  else return null;
  const gid = Number(id);
  const y = Number(lat);
  const x = Number(lon);
  if (!Number.isInteger(gid) || gid <= 0 || !name || !Number.isFinite(y) || !Number.isFinite(x) || Math.abs(y) > 90 || Math.abs(x) > 180) return null;
  const clean = (s: string) => s.replace(/[\t|\r\n]/g, ' ').trim();
  const alts = new Set<string>();
  if (ascii && ascii !== name) alts.add(clean(ascii));
  for (const a of (alternates ?? '').split(',')) if (a !== name && usefulAlt(a)) alts.add(clean(a));
  const code = admin1 && admin1 !== '00' ? admin1 : '';
  const pop = Number(fields[14]) || 0;
  const row = [gid, clean(name), y, x, kind, fcode, cc, code, pop, [...alts].join('|')].join('\t');
  return { row, cc, kind, alternates: alts.size };
}

/** The dump's lines: a `.zip` as downloaded (its `XX.txt` member), a `.gz`, or the plain `.txt`. */
export function dumpLines(file: string): AsyncIterable<string> {
  let input: Readable;
  if (/\.zip$/i.test(file)) {
    const members = zipMembers(file).filter((m) => /\.txt$/i.test(m.name) && !/(^|\/)readme\.txt$/i.test(m.name));
    const want = basename(file).replace(/\.zip$/i, '.txt').toLowerCase();
    const m = members.find((x) => basename(x.name).toLowerCase() === want) ?? (members.length === 1 ? members[0] : undefined);
    if (!m) throw new Error(`${file}: no GeoNames .txt member in the archive (members: ${zipMembers(file).map((x) => x.name).join(', ')})`);
    input = openZipMember(file, m);
  } else if (/\.gz$/i.test(file)) {
    const raw = createReadStream(file);
    const gunzip = createGunzip();
    raw.on('error', (e) => gunzip.destroy(e));
    input = raw.pipe(gunzip);
  } else input = createReadStream(file);
  return createInterface({ input, crlfDelay: Infinity });
}

export interface DumpImport {
  rows: string[];
  /** Country code -> rows kept. */
  countries: Record<string, number>;
  places: number;
  divisions: number;
  alternates: number;
  /** Lines that were not 19 tab-separated columns. */
  malformed: number;
  /** Well-formed lines of other kinds (mountains, rivers, historical places, ...). */
  skipped: number;
}

/** Read a dump into rows. Throws when the file is not in the GeoNames format. */
export async function readDump(file: string): Promise<DumpImport> {
  const out: DumpImport = { rows: [], countries: {}, places: 0, divisions: 0, alternates: 0, malformed: 0, skipped: 0 };
  let seen = 0;
  for await (const line of dumpLines(file)) {
    if (!line || line.startsWith('#')) continue;
    seen++;
    const f = line.split('\t');
    if (f.length !== DUMP_COLUMNS) {
      out.malformed++;
      // A file that starts wrong is some other file, not a damaged dump: say so before reading all of it.
      if (seen === 5 && out.malformed === 5) break;
      continue;
    }
    const r = dumpRow(f);
    if (!r) {
      out.skipped++;
      continue;
    }
    out.rows.push(r.row);
    out.countries[r.cc] = (out.countries[r.cc] ?? 0) + 1;
    if (r.kind === 'city') out.places++;
    else out.divisions++;
    out.alternates += r.alternates;
  }
  if (out.malformed > 0 && out.malformed >= seen / 2) {
    throw new Error(`${file}: not a GeoNames dump (expected ${DUMP_COLUMNS} tab-separated columns per line; ${out.malformed} of ${seen} lines read were not)`);
  }
  return out;
}
