import { readFileSync, readdirSync, existsSync, statSync } from 'node:fs';
import { join, basename, extname, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';

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
}

export const PACKS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../packs');

export class PackError extends Error {}

export function loadPack(nameOrPath: string): Pack {
  const dir = existsSync(nameOrPath) && statSync(nameOrPath).isDirectory() ? resolve(nameOrPath) : join(PACKS_DIR, nameOrPath);
  if (!existsSync(dir)) throw new PackError(`pack not found: ${nameOrPath} (looked in ${dir})`);
  const sections: Record<string, unknown> = {};
  for (const file of readdirSync(dir).sort()) {
    const ext = extname(file).toLowerCase();
    if (!['.yaml', '.yml', '.json'].includes(ext)) continue;
    const raw = readFileSync(join(dir, file), 'utf8');
    try {
      sections[basename(file, ext)] = ext === '.json' ? JSON.parse(raw) : YAML.parse(raw);
    } catch (e) {
      throw new PackError(`pack ${nameOrPath}: cannot parse ${file}: ${(e as Error).message}`);
    }
  }
  return { name: basename(dir), dir, sections };
}

export function loadPacks(names: string[]): Pack[] {
  return names.map(loadPack);
}
