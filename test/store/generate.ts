import { createHash } from 'node:crypto';
import type { ConflictEvent, DocResult, Mention } from '../../src/doc.ts';
import type { IngestInput } from '../../src/store/types.ts';

/**
 * Deterministic synthetic documents for crash, concurrency and bench runs: document `i` always has
 * the same bytes, a few events spread over places, dates and actors, mentions and claims.
 */
const TYPES: Array<[ConflictEvent['type'], string]> = [
  ['Battles', 'Armed clash'],
  ['Explosions/Remote violence', 'Air/drone strike'],
  ['Explosions/Remote violence', 'Remote explosive/landmine/IED'],
  ['Violence against civilians', 'Attack'],
  ['Strategic developments', 'Arrests'],
  ['Protests', 'Peaceful protest'],
];
const ACTORS = ['org:isis', 'org:sdf', 'org:isf', 'org:cjtf-oir', 'org:pmf', 'org:syrian-army', 'org:hts', 'org:turkish-army', 'org:kdp', 'org:ypg'];
const COUNTRIES = ['SY', 'IQ', 'TR', 'LB', 'JO'];

function rnd(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

export function syntheticDoc(i: number, opts: { events?: number; mentions?: number; days?: number } = {}): IngestInput {
  const r = rnd(i * 7919 + 13);
  const nEvents = opts.events ?? 3;
  const sentences: string[] = [`Synthetic report number ${i}.`];
  const events: ConflictEvent[] = [];
  const dayMs = Date.UTC(2015, 0, 1) + Math.floor(r() * (opts.days ?? 3650)) * 86_400_000;
  for (let k = 0; k < nEvents; k++) {
    const [type, subtype] = TYPES[Math.floor(r() * TYPES.length)];
    const a1 = ACTORS[Math.floor(r() * ACTORS.length)];
    const a2 = ACTORS[Math.floor(r() * ACTORS.length)];
    const lat = 30 + r() * 8;
    const lon = 36 + r() * 10;
    const killed = Math.floor(r() * 20);
    const date = new Date(dayMs + k * 86_400_000).toISOString().slice(0, 10);
    const sentence = `On ${date} ${a1} and ${a2} clashed near point ${lat.toFixed(3)},${lon.toFixed(3)} killing ${killed} in document ${i}.`;
    const start = sentences.join(' ').length + 1;
    sentences.push(sentence);
    events.push({
      id: `e${k}`,
      type,
      subtype,
      date: { value: date, precision: 'day' },
      location: { name: `Place ${Math.floor(lat * 10)}-${Math.floor(lon * 10)}`, lat, lon, country: COUNTRIES[Math.floor(r() * COUNTRIES.length)], admin1: null, precision: 1 },
      actors: [
        { entity: a1, role: 'actor1' },
        { entity: a2, role: 'actor2' },
      ],
      fatalities: { low: killed, best: killed, high: killed },
      counts: { killed, injured: null, detained: null, strikes: null, operations: null },
      modality: 'asserted',
      attribution: null,
      evidence: [{ start, end: start + sentence.length }],
    });
  }
  const mentions: Mention[] = [];
  let text = sentences.join(' ');
  const nMentions = opts.mentions ?? 10;
  for (let m = 0; m < nMentions; m++) {
    const name = `Person${(i * 31 + m) % 997}`;
    const start = text.length + 1;
    text += ` ${name} spoke.`;
    mentions.push({ start, end: start + name.length, text: name, type: 'PERSON', entity: '', name });
  }
  text += '\n';
  const id = createHash('sha256').update(text).digest('hex').slice(0, 16);
  const result: DocResult = {
    id,
    source: `synthetic/${i}.txt`,
    meta: { outlet: `Outlet ${i % 17}`, title: null, published: { value: new Date(dayMs).toISOString().slice(0, 10), precision: 'day', evidence: 'record' }, body: { start: 0, end: text.length } },
    mentions,
    places: [],
    times: [],
    events,
    claims: events.map((e) => {
      const s = text.slice(e.evidence[0].start, e.evidence[0].end);
      const n = String(e.fatalities!.best);
      const at = e.evidence[0].start + s.lastIndexOf(` ${n} in`) + 1;
      return { start: at, end: at + n.length, text: n, value: +n, low: +n, high: +n, unit: 'killed', subject: null, claimant: null, approximate: false, evidence: e.evidence[0] };
    }),
  };
  return { result, text };
}
