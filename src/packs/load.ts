import { readFileSync, readdirSync, existsSync, statSync } from 'node:fs';
import { join, basename, extname, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { checkSection } from './schema.ts';

/**
 * A domain pack: a folder of YAML/JSON files, one file per section (entities.yaml, places.yaml,
 * titles.yaml, events.yaml, outlets.yaml, ...). The loader knows nothing about any conflict: it
 * reads every file, keyed by file name, and each stage interprets (and checks) its own section.
 * A new conflict is a new folder, not new code.
 */
export interface Pack {
  name: string;
  dir: string;
  /** Section name (file name without extension) -> parsed content. */
  sections: Record<string, unknown>;
  /** Packs this one builds on (its `pack.yaml`: `extends: [en-acled]`), loaded before it. */
  extends: string[];
}

export const PACKS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../packs');

export class PackError extends Error {}

/**
 * YAML parsed at build time (scripts/build.mjs): dist/pack-cache/<sha256 of the file>.json. Parsing
 * the packs' YAML costs a few hundred ms of every start, JSON.parse of the same a few ms. The key is
 * the file's content, so an edited or user-supplied pack simply misses and is parsed here.
 */
const PACK_CACHE = resolve(PACKS_DIR, '../dist/pack-cache');
const require = createRequire(import.meta.url);

function parseYaml(raw: string): unknown {
  const hit = join(PACK_CACHE, `${createHash('sha256').update(raw).digest('hex')}.json`);
  if (existsSync(hit)) {
    try {
      return JSON.parse(readFileSync(hit, 'utf8'));
    } catch {
      // An unreadable cache entry is no reason to fail: parse the source below.
    }
  }
  // Loaded on a miss only: the parser itself takes ~0.1 s to import.
  return (require('yaml') as typeof import('yaml')).parse(raw);
}

export function loadPack(nameOrPath: string): Pack {
  const dir = existsSync(nameOrPath) && statSync(nameOrPath).isDirectory() ? resolve(nameOrPath) : join(PACKS_DIR, nameOrPath);
  if (!existsSync(dir)) throw new PackError(`pack not found: ${nameOrPath} (looked in ${dir})`);
  const sections: Record<string, unknown> = {};
  for (const file of readdirSync(dir).sort()) {
    const ext = extname(file).toLowerCase();
    if (!['.yaml', '.yml', '.json'].includes(ext)) continue;
    const raw = readFileSync(join(dir, file), 'utf8');
    try {
      sections[basename(file, ext)] = ext === '.json' ? JSON.parse(raw) : parseYaml(raw);
    } catch (e) {
      throw new PackError(`pack ${nameOrPath}: cannot parse ${file}: ${(e as Error).message}`);
    }
  }
  // `pack.yaml` holds the pack's own settings, not a section a stage reads.
  const own = sections.pack as { extends?: unknown } | undefined;
  delete sections.pack;
  // Every known section is checked against its shape now, so a mistake is an error naming the
  // file and the key, never a wrong result or a hang inside a stage (schema.ts).
  for (const [name, value] of Object.entries(sections)) {
    const problems = checkSection(name, value);
    if (problems.length) throw new PackError(`pack ${nameOrPath}: ${name} section: ${problems.slice(0, 5).join('; ')}${problems.length > 5 ? ` (and ${problems.length - 5} more)` : ''}`);
  }
  const ext = own?.extends == null ? [] : Array.isArray(own.extends) ? own.extends : [own.extends];
  if (!ext.every((e) => typeof e === 'string' && e.trim())) throw new PackError(`pack ${nameOrPath}: pack.yaml: extends must be a pack name or a list of them`);
  return { name: basename(dir), dir, sections, extends: ext as string[] };
}

/**
 * The packs named and, before each, the packs it `extends` (a base pack's sections come first, so
 * the region's entries add to the general ones). A pack reached twice is loaded once; a cycle fails.
 * A base is looked up beside the pack that names it, then among the bundled packs.
 */
export function loadPacks(names: string[]): Pack[] {
  const out: Pack[] = [];
  const done = new Set<string>();
  const visit = (nameOrPath: string, from: string | null, path: string[]): void => {
    const sibling = from ? join(dirname(from), nameOrPath) : null;
    const pack = loadPack(sibling && existsSync(sibling) ? sibling : nameOrPath);
    if (done.has(pack.dir)) return;
    if (path.includes(pack.dir)) throw new PackError(`pack ${pack.name}: extends itself (${[...path, pack.dir].map((d) => basename(d)).join(' -> ')})`);
    for (const base of pack.extends) visit(base, pack.dir, [...path, pack.dir]);
    done.add(pack.dir);
    out.push(pack);
  };
  for (const n of names) visit(n, null, []);
  return out;
}
