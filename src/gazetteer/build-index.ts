import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GAZETTEER_DIR, KINDS, readGazetteerData, type GazetteerData } from './data.ts';
import { add, type Codes } from './codes.ts';
import { looseKey, nameKey } from './normalize.ts';
import { encodePlaceIndex, FORMAT_VERSION, PlaceTable } from './index-file.ts';
import { userGazetteerDir } from './user.ts';

/**
 * The prebuilt place index (index-file.ts): built from the gazetteer rows once, then read from a file.
 *
 * - `npm run build` writes the bundled rows' index beside the compiled module (dist/gazetteer/places.idx).
 * - With user extracts (`sitrep gazetteer add`), or from the TypeScript sources (whose code differs
 *   from dist's), the first command builds the index of its rows and keeps it: in the user's gazetteer
 *   folder, or in node_modules/.cache/sitrep/. Later commands read that file.
 *
 * A file is used only under the fingerprint of everything its content depends on: the format, the
 * code that folds names and builds the keys, the bundled data files and the user's extracts (sizes
 * and times). Any change makes a new fingerprint, so a stale index is never read.
 */
const HERE = dirname(fileURLToPath(import.meta.url));
const EXT = extname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '../..');
const BUNDLED = join(HERE, 'places.idx');
const CACHE_DIR = join(ROOT, 'node_modules/.cache/sitrep');
/** The modules whose code decides the index's bytes (read beside this one: .ts from source, .js in dist/). */
const CODE = ['normalize', 'codes', 'data', 'user', 'index-file', 'build-index'];
const DATA = ['places.tsv.gz', 'admin1.tsv.gz', 'demonyms.tsv', 'country-aliases.tsv', 'admin1-abbreviations.tsv', 'acled-admin1.tsv'];
const USER_SUFFIX = '.tsv.gz';

/** The folded-name index of the rows: names, alternates, country aliases, admin1 abbreviations and ACLED spellings, demonyms. */
export function buildNameIndex(data: GazetteerData): Map<string, Codes> {
  const index = new Map<string, Codes>();
  const countryIdx = new Map<string, number>();
  for (let i = 0; i < data.size; i++) {
    add(index, nameKey(data.name[i]), i, 'name');
    if (KINDS[data.kind[i]] === 'country') countryIdx.set(data.cc[i], i);
  }
  for (let i = 0; i < data.size; i++) {
    const alts = data.alts[i];
    if (!alts) continue;
    for (const a of alts.split('|')) add(index, nameKey(a), i, 'alt');
  }
  for (const [alias, cc] of data.countryAliases) {
    const i = countryIdx.get(cc);
    if (i !== undefined) add(index, nameKey(alias), i, 'alias');
  }
  const admin1Idx = new Map<string, number>();
  for (let i = 0; i < data.size; i++) if (KINDS[data.kind[i]] === 'admin1') admin1Idx.set(`${data.cc[i]}.${data.admin1[i]}`, i);
  for (const [abbr, code] of data.admin1Abbreviations) {
    const i = admin1Idx.get(code);
    if (i !== undefined) add(index, nameKey(abbr), i, 'abbrev');
  }
  // ACLED's spellings of divisions ("Idleb", "Al-Hasakeh", "Distrito Federal") find the division too, as
  // alternate names (a city of the same name keeps its higher prior); bare directions ("South") would
  // only add noise.
  for (const [code, acled] of data.acledAdmin1) {
    const i = admin1Idx.get(code);
    const key = nameKey(acled);
    if (i !== undefined && !/^(?:north|south|east|west|centre|center|central|ouest|est|nord|sud)$/.test(key)) add(index, key, i, 'alt');
  }
  // Demonyms name a country by ISO code, or a region of regions.tsv by "=Name". Only the adjective and
  // the singular noun: plural nouns ("Americans") are people, not places, in the gold conventions we follow.
  const regionIdx = new Map<string, number>();
  for (let i = 0; i < data.size; i++) {
    const k = KINDS[data.kind[i]];
    if (k === 'region' || k === 'feature') regionIdx.set(data.name[i], i);
  }
  for (const [demonym, target] of data.demonyms) {
    const i = target.startsWith('=') ? regionIdx.get(target.slice(1)) : countryIdx.get(target);
    if (i !== undefined) add(index, nameKey(demonym), i, 'demonym');
  }
  return index;
}

/**
 * Transliteration-folded keys of every row's name and alternates, in row order. A pack's loose
 * countries keep the rows of those countries at lookup time, which gives what an index of those
 * countries' rows alone would: each key's rows in the same order.
 */
export function buildLooseIndex(data: GazetteerData): Map<string, Codes> {
  const index = new Map<string, Codes>();
  for (let i = 0; i < data.size; i++) {
    add(index, looseKey(data.name[i]), i, 'loose');
    const alts = data.alts[i];
    if (alts) for (const a of alts.split('|')) add(index, looseKey(a), i, 'loose');
  }
  return index;
}

function userExtracts(): string[] {
  const dir = userGazetteerDir();
  if (!existsSync(dir)) return [];
  try {
    return readdirSync(dir).filter((f) => f.endsWith(USER_SUFFIX) && !f.startsWith('.')).sort().map((f) => join(dir, f));
  } catch {
    return [];
  }
}

/** What an index of the bundled rows (plus these user extracts) is built from, as one hash. */
export function indexFingerprint(user: string[] = userExtracts()): string {
  const h = createHash('sha256').update(`sitrep place index ${FORMAT_VERSION}\n`);
  for (const m of CODE) {
    const f = join(HERE, m + EXT);
    h.update(`${m}\n`).update(existsSync(f) ? readFileSync(f) : 'missing').update('\n');
  }
  const stat = (f: string) => {
    try {
      const s = statSync(f);
      return `${s.size} ${s.mtimeMs}`;
    } catch {
      return 'missing';
    }
  };
  for (const f of DATA) h.update(`${f} ${stat(join(GAZETTEER_DIR, f))}\n`);
  for (const f of user) h.update(`user ${f} ${stat(f)}\n`);
  return h.digest('hex').slice(0, 24);
}

/** Build the index file's bytes from the gazetteer rows (with the user's extracts unless `userPlaces` is false). */
export function buildPlaceIndex(opts: { userPlaces?: boolean } = {}): Buffer {
  const user = opts.userPlaces === false ? [] : userExtracts();
  const fingerprint = indexFingerprint(user);
  const data = readGazetteerData({ userPlaces: opts.userPlaces });
  return encodePlaceIndex(data, buildNameIndex(data), buildLooseIndex(data), fingerprint);
}

function writeAtomic(file: string, bytes: Buffer): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, bytes);
  renameSync(tmp, file);
}

/** `npm run build`: the bundled rows' index beside the compiled module. */
export function writeBundledIndex(): string {
  writeAtomic(BUNDLED, buildPlaceIndex({ userPlaces: false }));
  return BUNDLED;
}

function readIndex(file: string, fingerprint: string): PlaceTable | null {
  if (!existsSync(file)) return null;
  try {
    const t = new PlaceTable(readFileSync(file));
    return t.fingerprint === fingerprint ? t : null;
  } catch {
    return null;
  }
}

/** Keep a cache folder small: the newest few indexes (other checkouts may share it) stay. */
function prune(dir: string, keep: string): void {
  try {
    const old = readdirSync(dir)
      .filter((f) => /^places-[0-9a-f]+\.idx$/.test(f) && join(dir, f) !== keep)
      .map((f) => ({ f: join(dir, f), t: statSync(join(dir, f)).mtimeMs }))
      .sort((a, b) => b.t - a.t);
    for (const { f } of old.slice(3)) rmSync(f, { force: true });
  } catch {
    // A cache that cannot be tidied is still a cache.
  }
}

export let loadStats: { ms: number; records: number; keys: number; from: string } | null = null;

/** The place index for this process: read from a file when one matches, else built (and kept for next time). */
export function loadPlaceIndex(): PlaceTable {
  const t0 = performance.now();
  const user = userExtracts();
  const fingerprint = indexFingerprint(user);
  const cached = join(user.length ? join(userGazetteerDir(), '.index') : CACHE_DIR, `places-${fingerprint}.idx`);
  let from = user.length ? cached : BUNDLED;
  let table = (user.length ? null : readIndex(BUNDLED, fingerprint)) ?? readIndex((from = cached), fingerprint);
  if (!table) {
    const bytes = buildPlaceIndex();
    table = new PlaceTable(bytes);
    from = 'built';
    try {
      writeAtomic(cached, bytes);
      prune(dirname(cached), cached);
      from = `built, kept in ${cached}`;
    } catch {
      // A read-only install builds in memory at every start: slower, still right.
    }
  }
  loadStats = { ms: performance.now() - t0, records: table.size, keys: table.names.size, from };
  return table;
}
