import { createHash } from 'node:crypto';
import type { Claim, ConflictEvent, DocResult, Mention, Place } from '../../src/doc.ts';
import type { IngestInput } from '../../src/store/types.ts';
import { makeEvent } from '../helpers.ts';

/**
 * Constructed documents for store and cross-document tests: a text made of sentences, with events
 * and claims whose evidence offsets point at the sentence that says them (so span checks hold).
 */
export interface FixtureEvent extends Partial<ConflictEvent> {
  /** The sentence of the text this event is told in. */
  sentence: string;
}

export interface FixtureClaim extends Partial<Claim> {
  /** The sentence that holds the claim, and the number's text within it. */
  sentence: string;
  number: string;
}

export interface Fixture {
  source: string;
  outlet?: string | null;
  published?: string | null;
  title?: string;
  events?: FixtureEvent[];
  claims?: FixtureClaim[];
  mentions?: Array<Partial<Mention> & { text: string }>;
  places?: Array<Partial<Place> & { text: string }>;
  extra?: string;
}

export const BAGHOUZ = { name: 'Baghouz', lat: 34.45, lon: 40.94, country: 'SY', admin1: 'Deir ez-Zor', precision: 1 as const };
export const HAJIN = { name: 'Hajin', lat: 34.69, lon: 40.83, country: 'SY', admin1: 'Deir ez-Zor', precision: 1 as const };
export const MOSUL = { name: 'Mosul', lat: 36.34, lon: 43.13, country: 'IQ', admin1: 'Nineveh', precision: 1 as const };

export function fixture(f: Fixture): IngestInput {
  const sentences = [f.title ?? `Report from ${f.source}`, ...(f.events ?? []).map((e) => e.sentence), ...(f.claims ?? []).map((c) => c.sentence)];
  if (f.extra) sentences.push(f.extra);
  const text = [...new Set(sentences)].join('\n\n') + '\n';
  const at = (s: string) => {
    const i = text.indexOf(s);
    if (i < 0) throw new Error(`fixture: ${s} not in text`);
    return { start: i, end: i + s.length };
  };
  const id = createHash('sha256').update(text).digest('hex').slice(0, 16);
  const events: ConflictEvent[] = (f.events ?? []).map((e, i) =>
    makeEvent({
      id: `e${i}`,
      type: 'Explosions/Remote violence',
      subtype: 'Air/drone strike',
      ...(Object.fromEntries(Object.entries(e).filter(([k]) => k !== 'sentence')) as Partial<ConflictEvent>),
      evidence: [at(e.sentence)],
    }),
  );
  const claims: Claim[] = (f.claims ?? []).map((c) => {
    const s = at(c.sentence);
    const n = c.sentence.indexOf(c.number);
    const value = Number(c.number.replace(/,/g, ''));
    return {
      start: s.start + n,
      end: s.start + n + c.number.length,
      text: c.number,
      value,
      low: value,
      high: value,
      unit: 'killed',
      subject: null,
      claimant: null,
      approximate: false,
      ...Object.fromEntries(Object.entries(c).filter(([k]) => !['sentence', 'number'].includes(k))),
      evidence: s,
    } as Claim;
  });
  const mentions: Mention[] = (f.mentions ?? []).map((m) => ({ ...at(m.text), type: 'ORG', entity: '', name: m.text, ...m }) as Mention);
  const places: Place[] = (f.places ?? []).map((p) => ({ ...at(p.text), name: p.text, lat: 0, lon: 0, country: null, admin1: null, geonameid: null, kind: 'city', ...p }) as Place);
  const result: DocResult = {
    id,
    source: f.source,
    meta: {
      outlet: f.outlet ?? null,
      title: f.title ?? null,
      published: f.published ? { value: f.published, precision: 'day', evidence: 'record' } : null,
      body: { start: 0, end: text.length },
    },
    mentions,
    places,
    times: [],
    events,
    claims,
  };
  return { result, text };
}
