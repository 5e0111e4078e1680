import type { DocResult, ConflictEvent, Mention, Place, TimeExpr, Claim, EventType } from '../../src/doc.ts';
import type { Store } from '../../src/store/types.ts';

/**
 * Synthetic articles for server and browser tests, with their extraction written by hand (exact
 * offsets), so the API and the dashboard are tested whatever the pipeline finds today. Every
 * span is computed from the generated text, so `text.slice(start, end) === span.text` holds.
 */
export const PLACES = [
  ['Mosul', 36.34, 43.13, 'IQ', 'Nineveh'],
  ['Raqqa', 35.95, 39.01, 'SY', 'Raqqa'],
  ['Kirkuk', 35.47, 44.39, 'IQ', 'Kirkuk'],
  ['Aleppo', 36.2, 37.16, 'SY', 'Aleppo'],
  ['Tikrit', 34.6, 43.68, 'IQ', 'Salah ad Din'],
  ['Ramadi', 33.42, 43.3, 'IQ', 'Anbar'],
  ['Homs', 34.73, 36.71, 'SY', 'Homs'],
  ['Erbil', 36.19, 44.01, 'IQ', 'Erbil'],
  ['Basra', 30.51, 47.78, 'IQ', 'Basra'],
  ['Palmyra', 34.56, 38.27, 'SY', 'Homs'],
] as const;

const ACTORS = [
  ['org:isis', 'Islamic State', 'IS militants'],
  ['org:sdf', 'Syrian Democratic Forces', 'SDF fighters'],
  ['org:iraqi-army', 'Iraqi Army', 'Iraqi troops'],
  ['org:pmf', 'Popular Mobilization Forces', 'PMF units'],
] as const;

const KINDS: Array<[EventType, string, string]> = [
  ['Battles', 'Armed clash', 'clashed with'],
  ['Explosions/Remote violence', 'Air/drone strike', 'struck'],
  ['Violence against civilians', 'Attack', 'attacked civilians near'],
  ['Strategic developments', 'Arrests', 'detained suspects linked to'],
  ['Protests', 'Peaceful protest', 'protested against'],
];

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** A small deterministic PRNG so fixtures are the same on every run. */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Article {
  text: string;
  result: DocResult;
}

/** Builds a text piece by piece and records spans at the offsets they land on. */
class Writer {
  text = '';
  put(s: string): { start: number; end: number; text: string } {
    const start = this.text.length;
    this.text += s;
    return { start, end: this.text.length, text: s };
  }
}

export interface ArticleOptions {
  id: string;
  outlet: string;
  /** Events in this article. */
  events: Array<{ day: string; place: number; actor1: number; actor2: number; kind: number; killed: number; jitter?: [number, number] }>;
  /** Raw text put before the first sentence (e.g. hostile markup). */
  preamble?: string;
  title?: string;
}

export function article(o: ArticleOptions): Article {
  const w = new Writer();
  const mentions: Mention[] = [];
  const places: Place[] = [];
  const times: TimeExpr[] = [];
  const events: ConflictEvent[] = [];
  const claims: Claim[] = [];
  if (o.title) w.put(o.title + '\n\n');
  if (o.preamble) w.put(o.preamble + '\n\n');
  const bodyStart = 0;
  o.events.forEach((e, i) => {
    const [pname, lat0, lon0, cc, admin1] = PLACES[e.place];
    const [lat, lon] = [lat0 + (e.jitter?.[0] ?? 0), lon0 + (e.jitter?.[1] ?? 0)];
    const [y, m, d] = e.day.split('-').map(Number);
    const a1 = ACTORS[e.actor1];
    const a2 = ACTORS[e.actor2];
    const [type, subtype, verb] = KINDS[e.kind];
    const sStart = w.text.length;
    const t = w.put(`On ${MONTHS[m - 1]} ${d}, ${y}`);
    times.push({ ...t, type: 'DATE', value: e.day, precision: 'day' });
    w.put(', ');
    const m1 = w.put(a1[2]);
    mentions.push({ ...m1, type: 'ORG', entity: a1[0], name: a1[1] });
    w.put(' ');
    const trigger = w.put(verb);
    w.put(' ');
    const m2 = w.put(a2[2]);
    mentions.push({ ...m2, type: 'ORG', entity: a2[0], name: a2[1] });
    w.put(' in ');
    const pl = w.put(pname);
    places.push({ ...pl, name: pname, lat, lon, country: cc, admin1, geonameid: 100000 + e.place, kind: 'city' });
    w.put(', killing ');
    const num = w.put(String(e.killed));
    w.put(' people, the ');
    const claimant = w.put(o.outlet);
    w.put(' correspondent reported.');
    const sEnd = w.text.length;
    w.put(' ');
    claims.push({ ...num, value: e.killed, low: e.killed, high: e.killed, unit: 'killed', subject: null, claimant: null, approximate: false, evidence: { start: sStart, end: sEnd } });
    void claimant;
    events.push({
      id: `e${i}`,
      type,
      subtype,
      date: { value: e.day, precision: 'day' },
      location: { name: pname, lat, lon, country: cc, admin1, precision: 1 },
      actors: [
        { entity: a1[0], name: a1[1], role: 'actor1' },
        { entity: a2[0], name: a2[1], role: 'actor2' },
      ],
      fatalities: e.killed ? { low: e.killed, best: e.killed, high: e.killed } : null,
      counts: { killed: e.killed, injured: null, detained: null, strikes: null, operations: null },
      modality: 'asserted',
      // The sentence says who reports it: "..., the <outlet> correspondent reported."
      attribution: `the ${o.outlet} correspondent`,
      evidence: [{ start: sStart, end: sEnd }],
      trigger: { start: trigger.start, end: trigger.end },
    });
  });
  const text = w.text;
  const result: DocResult = {
    id: o.id,
    source: `fixture://${o.id}`,
    meta: { outlet: o.outlet, title: o.title ?? null, published: o.events[0] ? { value: o.events[0].day, precision: 'day', evidence: 'record' } : null, body: { start: bodyStart, end: text.length }, dateline: null },
    mentions,
    places,
    times,
    events,
    claims,
  };
  return { text, result };
}

/** `n` events spread over `days` days from 2019-01-01, `perDoc` events per article. */
export function* corpus(n: number, opts: { perDoc?: number; days?: number; seed?: number; outlets?: string[] } = {}): Generator<Article> {
  const r = rng(opts.seed ?? 7);
  const perDoc = opts.perDoc ?? 5;
  const days = opts.days ?? 365;
  const outlets = opts.outlets ?? ['Wire One', 'Daily Two', 'Radio Three'];
  for (let i = 0, doc = 0; i < n; doc++) {
    const evs: ArticleOptions['events'] = [];
    for (let k = 0; k < perDoc && i < n; k++, i++) {
      const a1 = Math.floor(r() * ACTORS.length);
      evs.push({
        day: new Date(Date.UTC(2019, 0, 1) + Math.floor(r() * days) * 86400000).toISOString().slice(0, 10),
        place: Math.floor(r() * PLACES.length),
        actor1: a1,
        actor2: (a1 + 1 + Math.floor(r() * (ACTORS.length - 1))) % ACTORS.length,
        kind: Math.floor(r() * KINDS.length),
        killed: Math.floor(r() * r() * 40),
        jitter: [(r() - 0.5) * 3, (r() - 0.5) * 3],
      });
    }
    yield article({ id: `fx${String(doc).padStart(6, '0')}`, outlet: outlets[doc % outlets.length], events: evs, title: `Report ${doc}` });
  }
}

export async function seed(store: Store, articles: Iterable<Article>): Promise<number> {
  const runId = await store.beginRun('test fixtures');
  let n = 0;
  for (const a of articles) {
    await store.ingest({ result: a.result, text: a.text, source: a.result.source, kind: 'text' }, runId);
    n++;
  }
  await store.finishRun(runId);
  return n;
}

/** Hostile input: markup and script in the article text, in a span, in the outlet and title. */
export const HOSTILE_PREAMBLE = `<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2"> "quoted" & <b>bold</b>`;
export function hostileArticle(): Article {
  const a = article({
    id: 'hostile01',
    outlet: '<img src=x onerror=window.__pwned=3>',
    title: '<script>window.__pwned=4</script>Hostile title',
    preamble: HOSTILE_PREAMBLE,
    events: [{ day: '2019-06-01', place: 0, actor1: 0, actor2: 2, kind: 0, killed: 3 }],
  });
  // A mention whose surface text is markup.
  const start = a.text.indexOf('<img');
  const end = a.text.indexOf('>', start) + 1;
  a.result.mentions.push({ start, end, text: a.text.slice(start, end), type: 'PERSON', entity: 'person:<script>x</script>', name: '<img src=y onerror=window.__pwned=5>' });
  a.result.source = 'javascript:window.__pwned=6';
  return a;
}
