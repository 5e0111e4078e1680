import { readFileSync } from 'node:fs';
import { resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

/** ISO 3166-1 codes and names (data/countries.tsv, built by scripts/build-countries.ts). */
export interface Country {
  alpha2: string;
  alpha3: string;
  numeric: number;
  name: string;
}

let table: Map<string, Country> | null = null;

export function country(alpha2: string | null | undefined): Country | null {
  if (!alpha2) return null;
  if (!table) {
    table = new Map();
    const file = resolve(dirname(fileURLToPath(import.meta.url)), '../../data/countries.tsv');
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (!line || line.startsWith('#')) continue;
      const [a2, a3, num, name] = line.split('\t');
      table.set(a2, { alpha2: a2, alpha3: a3, numeric: Number(num), name });
    }
  }
  return table.get(alpha2.toUpperCase()) ?? null;
}
