import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { basename, join } from 'node:path';
import { homedir } from 'node:os';
import { readDump } from './geonames-dump.ts';

/**
 * The user's own gazetteer extracts (`sitrep gazetteer add UA.zip`): one `NAME.tsv.gz` per added
 * dump in the user's data folder, rows in the shape of the bundled data/gazetteer/places.tsv.gz, and
 * `sources.json` saying where each came from. The loader merges them into the bundled rows
 * (`withUserPlaces`) the first time a command needs the gazetteer, so a command that never places
 * anything never reads them, and with no extracts added nothing changes.
 */

/** `$SITREP_GAZETTEER_DIR`, else `$SITREP_HOME/gazetteer`, else `$XDG_DATA_HOME/sitrep/gazetteer`, else `~/.local/share/sitrep/gazetteer`. */
export function userGazetteerDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.SITREP_GAZETTEER_DIR) return env.SITREP_GAZETTEER_DIR;
  if (env.SITREP_HOME) return join(env.SITREP_HOME, 'gazetteer');
  const data = env.XDG_DATA_HOME || join(homedir(), '.local', 'share');
  return join(data, 'sitrep', 'gazetteer');
}

export interface UserSource {
  /** The name it is listed and removed by: the dump's file name without extension ("UA"). */
  name: string;
  /** The file it was read from, as given. */
  source: string;
  added: string;
  /** Country code -> rows. */
  countries: Record<string, number>;
  places: number;
  divisions: number;
  alternates: number;
}

const MANIFEST = 'sources.json';
const SUFFIX = '.tsv.gz';

function readManifest(dir: string): UserSource[] {
  try {
    const j = JSON.parse(readFileSync(join(dir, MANIFEST), 'utf8'));
    return Array.isArray(j) ? (j as UserSource[]) : [];
  } catch {
    return [];
  }
}

function writeManifest(dir: string, list: UserSource[]): void {
  const tmp = join(dir, `.${MANIFEST}.${process.pid}`);
  writeFileSync(tmp, JSON.stringify(list, null, 1) + '\n');
  renameSync(tmp, join(dir, MANIFEST));
}

/** The name a dump is kept under: "UA.zip" -> "UA", "cities500.txt" -> "cities500". */
export function sourceName(file: string): string {
  const n = basename(file).replace(/\.(?:zip|txt|tsv)(?:\.gz)?$/i, '').replace(/\.gz$/i, '');
  const safe = n.replace(/[^A-Za-z0-9_.-]+/g, '_').replace(/^\.+/, '');
  if (!safe) throw new Error(`${file}: cannot name an extract after this file`);
  return safe;
}

/** Add (or replace) one GeoNames dump. */
export async function addUserSource(file: string, dir = userGazetteerDir()): Promise<UserSource & { file: string; malformed: number }> {
  if (!existsSync(file)) throw new Error(`${file}: no such file`);
  const dump = await readDump(file);
  if (!dump.rows.length) throw new Error(`${file}: no populated places or divisions in it`);
  mkdirSync(dir, { recursive: true });
  const name = sourceName(file);
  const out = join(dir, name + SUFFIX);
  const tmp = join(dir, `.${name}${SUFFIX}.${process.pid}`);
  writeFileSync(tmp, gzipSync(dump.rows.join('\n') + '\n'));
  renameSync(tmp, out);
  const entry: UserSource = {
    name, source: file, added: new Date().toISOString(), countries: dump.countries,
    places: dump.places, divisions: dump.divisions, alternates: dump.alternates,
  };
  writeManifest(dir, [...readManifest(dir).filter((s) => s.name !== name), entry]);
  return { ...entry, file: out, malformed: dump.malformed };
}

/** The extracts added, in the order they are merged (by name); files without a manifest entry are listed too. */
export function listUserSources(dir = userGazetteerDir()): UserSource[] {
  if (!existsSync(dir)) return [];
  const known = new Map(readManifest(dir).map((s) => [s.name, s]));
  return userFiles(dir).map((f) => {
    const name = f.slice(0, -SUFFIX.length);
    return known.get(name) ?? { name, source: '?', added: '?', countries: {}, places: 0, divisions: 0, alternates: 0 };
  });
}

/** Remove one extract by its listed name (or the file it was added from). Returns what was removed, or null. */
export function removeUserSource(nameOrFile: string, dir = userGazetteerDir()): UserSource | null {
  const list = listUserSources(dir);
  const hit = list.find((s) => s.name === nameOrFile) ?? list.find((s) => s.source === nameOrFile) ?? list.find((s) => s.name === sourceName(nameOrFile));
  if (!hit) return null;
  rmSync(join(dir, hit.name + SUFFIX), { force: true });
  writeManifest(dir, readManifest(dir).filter((s) => s.name !== hit.name));
  return hit;
}

function userFiles(dir: string): string[] {
  return readdirSync(dir).filter((f) => f.endsWith(SUFFIX) && !f.startsWith('.')).sort();
}

/**
 * The bundled rows with the user's extracts merged in: a place both hold (same GeoNames id) keeps the
 * bundled row, which carries the better-curated population and feature code, and gains the extract's
 * alternate names; every other row of an extract is added. Returns `base` itself when there are none.
 */
export function withUserPlaces(base: string[], dir = userGazetteerDir()): string[] {
  if (!existsSync(dir)) return base;
  const files = userFiles(dir);
  if (!files.length) return base;
  const rows = base.slice();
  const byId = new Map<string, number>();
  for (let i = 0; i < rows.length; i++) byId.set(rows[i].slice(0, rows[i].indexOf('\t')), i);
  for (const f of files) {
    let text: string;
    try {
      text = gunzipSync(readFileSync(join(dir, f))).toString('utf8');
    } catch (e) {
      // A damaged extract must not stop every command: the bundled places still work.
      process.stderr.write(`sitrep: skipping gazetteer extract ${join(dir, f)}: ${(e as Error).message}\n`);
      continue;
    }
    for (const row of text.split('\n')) {
      if (!row || row.startsWith('#')) continue;
      const id = row.slice(0, row.indexOf('\t'));
      const at = byId.get(id);
      if (at === undefined) {
        byId.set(id, rows.length);
        rows.push(row);
        continue;
      }
      const extra = row.slice(row.lastIndexOf('\t') + 1);
      if (!extra) continue;
      const old = rows[at];
      const cut = old.lastIndexOf('\t');
      const have = old.slice(cut + 1);
      const names = new Set(have ? have.split('|') : []);
      const before = names.size;
      for (const a of extra.split('|')) names.add(a);
      if (names.size > before) rows[at] = old.slice(0, cut + 1) + [...names].join('|');
    }
  }
  return rows;
}
