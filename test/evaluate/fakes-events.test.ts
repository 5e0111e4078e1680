import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { actorsRight, joinCoded, matchDoc, mismatchLines, normActor, placeRight, sameActor, scoreMatches, type CodedEvent } from '../../src/evaluate/fakes-events.ts';
import { evaluateCoded } from '../../src/evaluate/index.ts';
import { main } from '../../src/cli/main.ts';
import type { ConflictEvent } from '../../src/doc.ts';
import { DEV, ROOT, makeEvent, skipNoShared, tempDir } from '../helpers.ts';

const FX = join(ROOT, 'test/fixtures/coded-events');

const gold = (over: Partial<CodedEvent>): CodedEvent => ({
  type: 'Explosions/Remote violence',
  subtype: 'Air/drone strike',
  date: { value: '2017-04-07', precision: 'day' },
  location: { name: 'Khan Sheikhoun', admin1: 'Idleb', country: 'SY', lat: 35.44, lon: 36.65 },
  actors: [
    { name: 'Military Forces of Russia', role: 'actor1', inter: 8 },
    { name: 'Civilians (Syria)', role: 'actor2', inter: 7 },
  ],
  fatalities: { low: 5, best: 5, high: 5 },
  evidence: [{ start: 0, end: 50 }],
  ...over,
});

/** A predicted event that agrees with gold() on every field. */
const pred = (over: Partial<ConflictEvent>): ConflictEvent =>
  makeEvent({
    type: 'Explosions/Remote violence',
    subtype: 'Air/drone strike',
    date: { value: '2017-04-07', precision: 'day' },
    location: { name: 'Khan Shaykhun', admin1: 'Idlib', country: 'SY', lat: 35.44, lon: 36.65, precision: 1 },
    actors: [
      { entity: 'gpe:russia', name: 'Russian jets', acledName: 'Military Forces of Russia', role: 'actor1' } as ConflictEvent['actors'][number],
      { entity: 'group:civilians', name: 'civilians', acledName: 'Civilians (Syria)', role: 'target' } as ConflictEvent['actors'][number],
    ],
    fatalities: { low: 5, best: 5, high: 5 },
    evidence: [{ start: 0, end: 50 }],
    ...over,
  });

test('actor names compare without case, "the" and bracketed years', () => {
  assert.equal(normActor('Military Forces of Syria (2000-)'), 'military forces of syria');
  assert.equal(normActor('The Free Syrian Army'), 'free syrian army');
  assert.ok(sameActor({ name: 'Military Forces of Syria (2000-)' }, { name: 'army', acledName: 'Military Forces of Syria' }));
  assert.ok(sameActor(null, null));
  assert.ok(!sameActor({ name: 'Civilians (Syria)' }, null));
  // Entity ids decide when both sides carry one.
  assert.ok(sameActor({ entity: 'org:hts', name: 'HTS' }, { entity: 'org:hts', name: 'Hayat Tahrir al-Sham' }));
  assert.ok(!sameActor({ entity: 'org:hts', name: 'Jabhat al-Nusra' }, { entity: 'org:nusra', name: 'Jabhat al-Nusra' }));
});

test('a predicted target is actor2; an actor missing on one side is wrong, on both sides right', () => {
  assert.ok(actorsRight(gold({}), pred({})));
  assert.ok(!actorsRight(gold({}), pred({ actors: [pred({}).actors[0]] })));
  assert.ok(actorsRight(gold({ actors: [] }), pred({ actors: [] })));
  const v = new Map(scoreMatches([matchDoc('d', [gold({})], [pred({ actors: [pred({}).actors[0]] })])]).map((r) => [r.metric.trim(), r.value]));
  assert.equal(v.get('actor1 right (matched)'), 1);
  assert.equal(v.get('actor2 right (matched)'), 0);
  assert.equal(v.get('actor-role accuracy (matched)'), 0);
  assert.equal(v.get('fully-right rows (share of gold)'), 0);
});

test('place: admin1 in any common spelling, or within 50 km when both have coordinates', () => {
  assert.ok(placeRight(gold({}), pred({})));
  const at = (admin1: string | null, lat: number | null, lon: number | null) => pred({ location: { name: 'x', admin1, country: 'SY', lat, lon, precision: 1 } });
  for (const [g, p] of [['Ar-Raqqa', 'Raqqa'], ["Dar'a", 'Daraa'], ['Deir-ez-Zor', 'Deir ez-Zor'], ['Al-Hasakeh', 'Hasakah'], ['As-Sweida', 'Sweida'], ['Lattakia', 'Latakia'], ['Tartous', 'Tartus'], ['Rural Damascus', 'Rif Dimashq']]) {
    assert.ok(placeRight(gold({ location: { admin1: g } }), at(p, null, null)), `${g} ~ ${p}`);
  }
  assert.ok(placeRight(gold({}), at('Hama', 35.6, 36.7)), 'another admin1 but 18 km away');
  assert.ok(!placeRight(gold({}), at('Homs', 34.73, 36.71)), 'another admin1, 79 km away');
  assert.ok(!placeRight(gold({}), at('Homs', null, null)), 'another admin1, no coordinates');
  assert.ok(placeRight(gold({ location: null }), pred({ location: null })), 'no place on both sides');
});

test('matching: one to one by overlap, duplicates, non-events, future left out; exact figures', () => {
  // Gold: g0 an air strike at 0-50, g1 a clash at 60-100 (5 fatalities by gold, pred says 4).
  const g = [gold({}), gold({ type: 'Battles', subtype: 'Armed clash', evidence: [{ start: 60, end: 100 }], actors: [{ name: 'Rebel Forces (Syria)', role: 'actor1' }] })];
  const p = [
    pred({ evidence: [{ start: 10, end: 30 }] }), //          p0: overlaps g0 by 20
    pred({ evidence: [{ start: 0, end: 50 }] }), //           p1: overlaps g0 by 50 -> takes g0; p0 is a duplicate
    pred({ type: 'Battles', subtype: 'Armed clash', evidence: [{ start: 60, end: 100 }], actors: [{ entity: 'org:rebels', name: 'rebels', acledName: 'Rebel Forces (Syria)', role: 'actor1' } as ConflictEvent['actors'][number]], fatalities: { low: 4, best: 4, high: 4 } }), // p2 <-> g1, fatalities wrong
    pred({ evidence: [{ start: 200, end: 220 }] }), //        p3: overlaps nothing -> non-event
    pred({ modality: 'future', evidence: [{ start: 0, end: 50 }] }), // left out
  ];
  const m = matchDoc('d', g, p);
  assert.deepEqual(m.pairs, [[0, 1], [1, 2]]);
  assert.deepEqual(m.duplicates, [0]);
  assert.deepEqual(m.nonEvents, [3]);
  assert.equal(m.excluded.length, 1);
  const v = new Map(scoreMatches([m]).map((r) => [r.metric, r]));
  assert.equal(v.get('usable-row precision')!.value, 2 / 4);
  assert.equal(v.get('recall')!.value, 1);
  assert.equal(v.get('duplicate rows (share of predicted)')!.n, 1);
  assert.equal(v.get('non-event rows (share of predicted)')!.n, 1);
  assert.equal(v.get('future/hypothetical (left out)')!.n, 1);
  assert.equal(v.get('type accuracy (matched)')!.value, 1);
  assert.equal(v.get('actor-role accuracy (matched)')!.value, 1);
  assert.equal(v.get('fatalities accuracy (matched)')!.value, 0.5);
  assert.equal(v.get('fully-right rows (share of gold)')!.value, 0.5);
  const lines = mismatchLines([m], () => 'x'.repeat(300));
  assert.ok(lines.some((l) => l.includes('fatalities') && l.includes('gold: 5') && l.includes('pred: 4')));
  assert.ok(lines.some((l) => l.startsWith('d DUPLICATE')));
  assert.ok(lines.some((l) => l.startsWith('d NON-EVENT')));
});

test('type agreement breaks an overlap tie; an unmatched gold event is missed', () => {
  const g = [gold({ type: 'Battles', subtype: 'Armed clash' }), gold({ evidence: [{ start: 300, end: 320 }] })];
  const p = [pred({}), pred({ type: 'Battles', subtype: 'Armed clash' })];
  const m = matchDoc('d', g, p);
  assert.deepEqual(m.pairs, [[0, 1]]);
  assert.deepEqual(m.duplicates, [0]);
  assert.deepEqual(m.missed, [1]);
  const v = new Map(scoreMatches([m]).map((r) => [r.metric, r.value]));
  assert.equal(v.get('recall'), 0.5);
  assert.equal(v.get('usable-row precision'), 0.5);
});

test('joining annotations with texts: a changed text or span is skipped and reported', () => {
  const { docs, problems } = joinCoded([join(FX, 'coded.part-a.jsonl'), join(FX, 'coded.part-b.jsonl')], join(FX, 'texts.jsonl'));
  assert.deepEqual(docs.map((d) => d.id), ['fx:1', 'fx:2']);
  assert.equal((docs[0].codedEvents as CodedEvent[]).length, 2);
  assert.equal(docs[0].events, undefined, "the data set's own events stay out");
  assert.equal(docs[0].title, 'Air strikes kill five in Idlib');
  assert.deepEqual(problems.map((p) => [p.id, p.problem.split(' ')[0]]), [['fx:3', 'textSha1']]);

  const dir = tempDir();
  const line = JSON.parse(readFileSync(join(FX, 'coded.part-a.jsonl'), 'utf8').split('\n')[0]);
  line.events[0].evidence[0].sha1 = '00000000';
  const bad = join(dir, 'bad.jsonl');
  writeFileSync(bad, JSON.stringify(line) + '\n' + JSON.stringify({ id: 'fx:nope', events: [] }) + '\n');
  const r = joinCoded([bad], join(FX, 'texts.jsonl'));
  assert.equal(r.docs.length, 0);
  assert.match(r.problems[0].problem, /^evidence \d+-\d+ does not match/);
  assert.match(r.problems[1].problem, /no text/);
});

test('evaluateCoded runs the pipeline on the joined fixture and lists what is wrong', () => {
  const r = evaluateCoded([join(FX, 'coded.part-a.jsonl'), join(FX, 'coded.part-b.jsonl')], join(FX, 'texts.jsonl'), undefined, undefined, { details: true });
  assert.equal(r.docs, 2);
  assert.equal(r.skipped?.length, 1);
  const sec = r.sections.find((s) => s.scorer === 'coded events')!;
  assert.equal(sec.metrics.find((m) => m.metric === 'recall')!.n, 2);
  assert.ok(Array.isArray(sec.details));
  assert.ok(!r.sections.some((s) => s.scorer === 'events'), 'the per-document events scorer does not run on coded gold');
});

/** Run `sitrep ARGS` in this process, capturing what the command writes. */
async function sitrep(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const w1 = process.stdout.write.bind(process.stdout);
  const w2 = process.stderr.write.bind(process.stderr);
  (process.stdout as any).write = (s: string | Uint8Array, ...rest: any[]) => (typeof s === 'string' ? ((out += s), true) : w1(s, ...rest));
  (process.stderr as any).write = (s: string | Uint8Array, ...rest: any[]) => (typeof s === 'string' ? ((err += s), true) : w2(s, ...rest));
  try {
    return { code: await main(args), out, err };
  } finally {
    (process.stdout as any).write = w1;
    (process.stderr as any).write = w2;
  }
}

test('sitrep evaluate --gold-events takes several files (as a shell glob gives them) and --texts', async () => {
  const r = await sitrep('evaluate', '--gold-events', join(FX, 'coded.part-a.jsonl'), join(FX, 'coded.part-b.jsonl'), '--texts', join(FX, 'texts.jsonl'), '--verbose');
  assert.equal(r.code, 0);
  assert.match(r.out, /: 2 documents/);
  assert.match(r.out, /usable-row precision/);
  assert.match(r.out, /SKIPPED 1 annotated document/);
  assert.match(r.err, /skipped fx:3 .*textSha1/);
  const j = await sitrep('evaluate', '--gold-events', join(FX, 'coded.part-a.jsonl'), '--texts', join(FX, 'texts.jsonl'), '--json');
  assert.equal(JSON.parse(j.out).sections[0].scorer, 'coded events');
  const bad = await sitrep('evaluate', '--gold-events', join(FX, 'coded.part-a.jsonl'));
  assert.equal(bad.code, 2);
  assert.match(bad.err, /needs --texts/);
});

// The project's own hand-coded gold (test/gold/fakes-events*.jsonl) joined with ../shared.
const GOLD_DIR = join(ROOT, 'test/gold');
const codedFiles = existsSync(GOLD_DIR) ? readdirSync(GOLD_DIR).filter((f) => /^fakes-events.*\.jsonl$/.test(f)).map((f) => join(GOLD_DIR, f)) : [];
test('the hand-coded FA-KES gold joins its texts and scores', { skip: skipNoShared || (codedFiles.length ? false : 'no test/gold/fakes-events*.jsonl yet') }, () => {
  // part files and their concatenation may sit side by side: score the whole file when present.
  const whole = codedFiles.filter((f) => f.endsWith('/fakes-events.jsonl'));
  const r = evaluateCoded(whole.length ? whole : codedFiles, join(DEV, 'fakes.jsonl'));
  assert.deepEqual(r.skipped, [], 'every annotation matches its text');
  assert.ok(r.docs > 0);
  const m = r.sections.find((s) => s.scorer === 'coded events')!.metrics;
  const v = (k: string) => m.find((x) => x.metric === k)!;
  assert.ok(v('recall').n > 0, 'gold events are scored');
  for (const x of m) assert.ok(x.value >= 0 && x.value <= 1, `${x.metric} ${x.value}`);
});
