/**
 * Builds data/countries.tsv (ISO 3166-1: alpha-2, alpha-3, numeric, English name) used by the
 * ACLED-style CSV export (event_id_cnty prefix, iso, country columns).
 *
 * Source: Debian's iso-codes package, /usr/share/iso-codes/json/iso_3166-1.json
 * (https://salsa.debian.org/iso-codes-team/iso-codes, data from ISO 3166-1; LGPL-2.1+).
 * Run: node --import tsx scripts/build-countries.ts [/path/to/iso_3166-1.json]
 */
import { readFileSync, writeFileSync } from 'node:fs';

const src = process.argv[2] ?? '/usr/share/iso-codes/json/iso_3166-1.json';
const data = JSON.parse(readFileSync(src, 'utf8'))['3166-1'] as Array<{ alpha_2: string; alpha_3: string; numeric: string; name: string; common_name?: string }>;
const lines = ['# ISO 3166-1 from Debian iso-codes (iso_3166-1.json); built by scripts/build-countries.ts', '# alpha2\talpha3\tnumeric\tname'];
for (const c of data.sort((a, b) => a.alpha_2.localeCompare(b.alpha_2))) lines.push([c.alpha_2, c.alpha_3, Number(c.numeric), c.common_name ?? c.name].join('\t'));
writeFileSync(new URL('../data/countries.tsv', import.meta.url), lines.join('\n') + '\n');
console.log(`data/countries.tsv: ${data.length} countries`);
