import { describe, it, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import type { Store, StoreFactory } from '../../src/store/types.ts';
import { fixture, BAGHOUZ, HAJIN, MOSUL } from './fixtures.ts';

/**
 * The store contract: every backend must pass these (SQLite in sqlite.test.ts; PostgreSQL later
 * calls `storeContract('postgres', factory)`). Each test gets a fresh, empty store.
 */
const day = (value: string) => ({ value, precision: 'day' });
const sdf = { entity: 'org:sdf', name: 'Syrian Democratic Forces', role: 'actor1' as const };
const coalition = { entity: 'org:coalition', name: 'Coalition', role: 'actor1' as const };
const isis = { entity: 'org:isis', name: 'Islamic State', role: 'actor2' as const };

const OWN_WORDS = [
  'citing residents who fled across the river overnight',
  'after speaking with two medics at a field clinic',
  'quoting a commander reached by telephone late on Sunday',
  'based on photographs shared by local activists online',
  'in a dispatch filed from the front line east of the town',
];

export function strikeReport(source: string, outlet: string, opts: { killed?: number; date?: string; loc?: typeof BAGHOUZ; modality?: any; actors?: any[]; extra?: string; claimant?: string; sentence?: string } = {}) {
  const killed = opts.killed ?? 7;
  // Each outlet writes its own words (else the reports would be one wire text: copies count once).
  const own = OWN_WORDS[outlet.charCodeAt(outlet.length - 1) % OWN_WORDS.length];
  const sentence = opts.sentence ?? `Coalition aircraft struck militant positions near ${(opts.loc ?? BAGHOUZ).name}, killing ${killed} fighters, ${outlet} reported ${own}.`;
  return fixture({
    source,
    outlet,
    published: opts.date ?? '2019-03-25',
    extra: opts.extra,
    events: [
      {
        sentence,
        date: day(opts.date ?? '2019-03-24'),
        location: opts.loc ?? BAGHOUZ,
        actors: opts.actors ?? [coalition, isis],
        fatalities: { low: killed, best: killed, high: killed },
        counts: { killed, injured: null, detained: null, strikes: null, operations: null },
        modality: opts.modality ?? 'asserted',
      },
    ],
    claims: [{ sentence, number: String(killed), unit: 'killed', subject: 'org:isis', ...(opts.claimant ? { claimant: opts.claimant } : {}) }],
  });
}

export function storeContract(name: string, factory: StoreFactory): void {
  describe(`store contract: ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await factory();
    });
    afterEach(async () => {
      await store.close();
    });

    it('stores a document once; the same bytes again are a no-op', async () => {
      const doc = strikeReport('a.txt', 'Outlet A');
      const a = await store.ingest(doc);
      assert.equal(a.status, 'added');
      assert.equal(a.version, 1);
      const b = await store.ingest(doc);
      assert.equal(b.status, 'unchanged');
      assert.equal(b.documentId, a.documentId);
      assert.deepEqual(b.events, []);
      assert.equal((await store.listDocuments()).items.length, 1);
      assert.equal((await store.listEvents()).items.length, 1);
    });

    it('keeps every span layer with offsets into the stored text', async () => {
      const doc = fixture({
        source: 'spans.txt',
        outlet: 'Outlet S',
        published: '2019-03-25',
        mentions: [{ text: 'Daesh', type: 'ORG', entity: 'org:isis', name: 'Islamic State' }],
        places: [{ text: 'Baghouz', lat: 34.45, lon: 40.94, country: 'SY', geonameid: 170000 }],
        extra: 'Daesh fighters were hiding in caves above Baghouz.',
      });
      const { documentId } = await store.ingest(doc);
      const got = await store.getDocument(documentId);
      assert.ok(got);
      assert.equal(got.text, doc.text);
      assert.equal(got.result.mentions.length, 1);
      for (const s of [...got.result.mentions, ...got.result.places]) assert.equal(got.text.slice(s.start, s.end), s.text);
      assert.equal(got.result.meta.outlet, 'Outlet S');
      assert.equal((await store.getDocument(doc.result.id))?.id, documentId, 'found by contract id too');
      const isis = await store.getEntity('org:isis');
      assert.equal(isis?.name, 'Islamic State');
      assert.deepEqual(isis?.aliases, ['Daesh']);
      assert.equal((await store.getEntity('geo:170000'))?.kind, 'place');
    });

    it('a changed document at the same source is a new version; the old one is kept', async () => {
      const v1 = strikeReport('same.txt', 'Outlet A', { killed: 7 });
      const v2 = strikeReport('same.txt', 'Outlet A', { killed: 9 });
      const a = await store.ingest(v1);
      const b = await store.ingest(v2);
      assert.equal(b.status, 'new_version');
      assert.equal(b.version, 2);
      assert.notEqual(a.documentId, b.documentId);
      assert.equal((await store.listDocuments()).items.length, 1);
      const all = (await store.listDocuments({ allVersions: true })).items;
      assert.equal(all.length, 2);
      assert.deepEqual(all.map((d) => [d.version, d.current]), [[1, false], [2, true]]);
      assert.ok(await store.getDocument(a.documentId), 'old version still readable');
      // The cross-document view holds the current version only.
      const evs = (await store.listEvents()).items;
      assert.equal(evs.length, 1);
      assert.equal(evs[0].fatalities?.best, 9);
      assert.equal(evs[0].corroboration.reports, 1);
      assert.equal((await store.listClaims()).items.length, 1);
      assert.equal((await store.ingest(v1)).status, 'unchanged', 'old bytes again are known');
    });

    it('records input errors as skips of the ingest run', async () => {
      const run = await store.beginRun('test');
      await store.ingest(strikeReport('ok.txt', 'Outlet A'), run);
      await store.ingest(strikeReport('ok.txt', 'Outlet A'), run);
      await store.recordSkip(run, { source: 'bad.txt', error: { code: 'empty', message: 'no text' } });
      const done = await store.finishRun(run);
      assert.equal(done.seen, 3);
      assert.equal(done.added, 1);
      assert.equal(done.unchanged, 1);
      assert.equal(done.skipped, 1);
      assert.deepEqual(done.skips, [{ source: 'bad.txt', documentId: null, code: 'empty', message: 'no text' }]);
      assert.ok(done.finishedAt);
      assert.equal((await store.listRuns())[0].id, run);
    });

    it('clusters reports of one event from several outlets and grades corroboration', async () => {
      await store.ingest(strikeReport('a.txt', 'Outlet A'));
      let [ev] = (await store.listEvents()).items;
      assert.equal(ev.corroboration.grade, 'weak');
      await store.ingest(strikeReport('b.txt', 'Outlet B', { extra: 'More later.' }));
      [ev] = (await store.listEvents()).items;
      assert.equal(ev.corroboration.outlets, 2);
      assert.equal(ev.corroboration.grade, 'fair');
      // A second article of the same outlet is not independent.
      await store.ingest(strikeReport('b2.txt', 'Outlet B', { extra: 'Update.' }));
      [ev] = (await store.listEvents()).items;
      assert.equal(ev.corroboration.reports, 3);
      assert.equal(ev.corroboration.outlets, 2);
      assert.equal(ev.corroboration.grade, 'fair');
      await store.ingest(strikeReport('c.txt', 'Outlet C', { extra: 'Third.' }));
      const evs = (await store.listEvents()).items;
      assert.equal(evs.length, 1);
      assert.equal(evs[0].corroboration.grade, 'confirmed');
      const detail = await store.getEvent(evs[0].id);
      assert.equal(detail?.reports.length, 4);
      for (const r of detail!.reports) assert.match(r.evidence[0].text, /^Coalition aircraft struck/);
      assert.equal(detail?.sources.length, 4);
    });

    it('keeps apart reports of different places, dates, types or actors', async () => {
      await store.ingest(strikeReport('a.txt', 'Outlet A'));
      await store.ingest(strikeReport('m.txt', 'Outlet B', { loc: MOSUL }));
      await store.ingest(strikeReport('d.txt', 'Outlet C', { date: '2019-03-29' }));
      await store.ingest(strikeReport('x.txt', 'Outlet D', { actors: [{ entity: 'org:syrian-army', role: 'actor1' }, { entity: 'org:hts', role: 'actor2' }] }));
      assert.equal((await store.listEvents()).items.length, 4);
      // Hajin is ~28 km from Baghouz: within the distance for the same event.
      await store.ingest(strikeReport('h.txt', 'Outlet E', { loc: HAJIN }));
      assert.equal((await store.listEvents()).items.length, 4);
    });

    it('counts a wire text run by several outlets once, listing the copies', async () => {
      const wire = 'Coalition aircraft struck militant positions near Baghouz on Sunday, killing 7 fighters, a war monitor said in a statement.';
      await store.ingest(strikeReport('a.txt', 'Outlet A', { sentence: wire }));
      await store.ingest(strikeReport('b.txt', 'Outlet B', { sentence: wire, extra: 'Reporting by the agency.' }));
      let [ev] = (await store.listEvents()).items;
      assert.equal(ev.corroboration.reports, 2);
      assert.equal(ev.corroboration.outlets, 1);
      assert.equal(ev.corroboration.grade, 'weak');
      assert.equal(ev.corroboration.copies?.length, 1);
      assert.equal(ev.corroboration.copies![0].documents.length, 2);
      await store.ingest(strikeReport('c.txt', 'Outlet C'));
      [ev] = (await store.listEvents()).items;
      assert.equal(ev.corroboration.outlets, 2, 'an outlet with its own words is independent');
      assert.equal(ev.corroboration.grade, 'fair');
    });

    it('grades a denied event as contested', async () => {
      await store.ingest(strikeReport('a.txt', 'Outlet A'));
      await store.ingest(strikeReport('b.txt', 'Outlet B', { modality: 'denied' }));
      const [ev] = (await store.listEvents()).items;
      assert.equal(ev.corroboration.grade, 'contested');
    });

    it('flags contradictions: 7 vs 9 killed in one event, listing who says what', async () => {
      await store.ingest(strikeReport('a.txt', 'Outlet A', { killed: 7, claimant: 'org:sohr' }));
      await store.ingest(strikeReport('b.txt', 'Outlet B', { killed: 9, claimant: 'org:white-helmets' }));
      const cs = await store.listContradictions();
      const ev = cs.find((c) => c.kind === 'event');
      assert.ok(ev, JSON.stringify(cs));
      assert.equal(ev.unit, 'killed');
      assert.deepEqual(ev.values.map((v) => [v.value, v.outlet]), [[7, 'Outlet A'], [9, 'Outlet B']]);
      assert.equal(ev.min, 7);
      assert.equal(ev.max, 9);
      assert.equal(ev.values[0].text, '7');
      // The conservative figure leads; the range stays visible.
      const [e] = (await store.listEvents()).items;
      assert.deepEqual(e.fatalities, { low: 7, best: 7, high: 9 });
      assert.equal((await store.stats()).contradictions, cs.length);
    });

    it('one source whose toll rises is a revision; unattributed and other units are not compared', async () => {
      await store.ingest(strikeReport('a.txt', 'Outlet A', { killed: 7, claimant: 'org:sohr' }));
      await store.ingest(strikeReport('b.txt', 'Outlet B', { killed: 12, claimant: 'org:sohr' }));
      await store.ingest(strikeReport('c.txt', 'Outlet C', { killed: 30 }));
      assert.deepEqual((await store.listContradictions()).filter((c) => c.kind === 'event'), []);
    });

    it('filters contradictions by date, place and unit', async () => {
      await store.ingest(strikeReport('a.txt', 'Outlet A', { killed: 7, claimant: 'org:sohr' }));
      await store.ingest(strikeReport('b.txt', 'Outlet B', { killed: 9, claimant: 'org:white-helmets' }));
      const [c] = await store.listContradictions();
      assert.equal(c.date, '2019-03-24');
      assert.equal(c.place, BAGHOUZ.name);
      assert.equal((await store.listContradictions({ unit: 'killed' })).length, 1);
      assert.equal((await store.listContradictions({ unit: 'injured' })).length, 0);
      assert.equal((await store.listContradictions({ since: '2019-03-01', until: '2019-03-31' })).length, 1);
      assert.equal((await store.listContradictions({ since: '2019-04-01' })).length, 0);
      assert.equal((await store.listContradictions({ place: BAGHOUZ.name.toLowerCase().slice(0, 4) })).length, 1);
      assert.equal((await store.listContradictions({ place: 'Mosul' })).length, 0);
    });

    it('flags contradicting claims about one subject (2,500 vs 3,500 fighters) but not close figures', async () => {
      const say = (source: string, outlet: string, n: string, claimant: string, approx = false) =>
        fixture({
          source,
          outlet,
          published: '2024-04-06',
          claims: [{ sentence: `Officials said about ${n} militants remain at large in the desert.`, number: n, unit: 'fighters', subject: 'org:isis', claimant, approximate: approx }],
        });
      await store.ingest(say('a.txt', 'Outlet A', '2,500', 'org:centcom', true));
      await store.ingest(say('b.txt', 'Outlet B', '3,500', 'org:iraqi-government'));
      await store.ingest(say('c.txt', 'Outlet C', '2,600', 'org:sdf', true));
      const cs = (await store.listContradictions()).filter((c) => c.kind === 'subject');
      assert.equal(cs.length, 1);
      assert.equal(cs[0].subject, 'org:isis');
      assert.equal(cs[0].unit, 'fighters');
      assert.deepEqual(cs[0].values.map((v) => v.value), [2500, 2600, 3500]);
      assert.match(cs[0].values[0].evidence.text, /militants remain/);
      const ids = (await store.listContradictions()).map((c) => c.id);
      assert.deepEqual((await store.listContradictions()).map((c) => c.id), ids, 'stable ids');
    });

    it('filters events by date, type, country, actor and distance, with cursor pages', async () => {
      const dates = ['2019-03-01', '2019-03-10', '2019-03-20', '2019-04-02', '2019-05-05'];
      for (const [i, d] of dates.entries()) await store.ingest(strikeReport(`f${i}.txt`, `Outlet ${i}`, { date: d, loc: i % 2 ? MOSUL : BAGHOUZ }));
      await store.ingest(
        fixture({
          source: 'battle.txt',
          outlet: 'Outlet Z',
          events: [{ sentence: 'SDF fighters clashed with militants in Hajin.', type: 'Battles', subtype: 'Armed clash', date: day('2019-03-12'), location: HAJIN, actors: [sdf, isis] }],
        }),
      );
      const all = await store.listEvents();
      assert.equal(all.items.length, 6);
      assert.deepEqual(all.items.map((e) => e.date?.value), ['2019-05-05', '2019-04-02', '2019-03-20', '2019-03-12', '2019-03-10', '2019-03-01']);
      assert.equal((await store.listEvents({ since: '2019-03-10', until: '2019-03-31' })).items.length, 3);
      assert.equal((await store.listEvents({ type: 'Battles' })).items.length, 1);
      assert.equal((await store.listEvents({ country: 'iq' })).items.length, 2);
      assert.equal((await store.listEvents({ actor: 'org:sdf' })).items.length, 1);
      assert.equal((await store.listEvents({ actor: 'democratic' })).items.length, 1);
      assert.equal((await store.listEvents({ near: { lat: 34.45, lon: 40.94, km: 50 } })).items.length, 4);
      assert.equal((await store.listEvents({ near: { lat: 34.45, lon: 40.94, km: 5 } })).items.length, 3);
      assert.equal((await store.listEvents({ grade: 'confirmed' })).items.length, 0);
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page = await store.listEvents({ limit: 4, cursor });
        seen.push(...page.items.map((e) => e.id));
        cursor = page.next;
      } while (cursor);
      assert.deepEqual(seen, all.items.map((e) => e.id));
    });

    it('orders coarse dates by the first day of their period', async () => {
      const at = (source: string, value: string, precision: string, loc = BAGHOUZ) =>
        fixture({ source, outlet: source, events: [{ sentence: `Fighting was reported (${source}).`, type: 'Battles', subtype: 'Armed clash', date: { value, precision }, location: loc, actors: [sdf, isis] }] });
      await store.ingest(at('q.txt', '2024-Q1', 'quarter'));
      await store.ingest(at('d.txt', '2024-04-06', 'day', MOSUL));
      await store.ingest(at('y.txt', '2023', 'year', HAJIN));
      await store.ingest(at('n.txt', 'PAST_REF', 'none', MOSUL));
      assert.deepEqual((await store.listEvents()).items.map((e) => e.date?.value), ['2024-04-06', '2024-Q1', '2023', 'PAST_REF']);
      assert.deepEqual((await store.listEvents({ since: '2024-01-01' })).items.map((e) => e.date?.value), ['2024-04-06', '2024-Q1']);
      assert.deepEqual((await store.listEvents({ until: '2023-12-31' })).items.map((e) => e.date?.value), ['2023']);
    });

    it('gives the same event ids when the same inputs are ingested into a new store', async () => {
      const inputs = [strikeReport('a.txt', 'Outlet A'), strikeReport('m.txt', 'Outlet B', { loc: MOSUL }), strikeReport('b.txt', 'Outlet C', { extra: 'x' })];
      for (const d of inputs) await store.ingest(d);
      const other = await factory();
      try {
        for (const d of inputs) await other.ingest(d);
        const ids = async (s: Store) => (await s.listEvents()).items.map((e) => e.id).sort();
        assert.deepEqual(await ids(other), await ids(store));
      } finally {
        await other.close();
      }
    });

    it('resolves unknown entities across documents to one id from the normalised name', async () => {
      await store.ingest(fixture({ source: 'p1.txt', mentions: [{ text: 'Mustafa Bali', type: 'PERSON', entity: '' }], extra: 'Spokesman Mustafa Bali said so.' }));
      await store.ingest(fixture({ source: 'p2.txt', mentions: [{ text: 'MUSTAFA BALI', type: 'PERSON', entity: '' }], extra: 'MUSTAFA BALI told reporters.' }));
      const people = (await store.listEntities({ type: 'PERSON' })).items;
      assert.equal(people.length, 1);
      assert.equal(people[0].id, 'person:mustafa-bali');
      assert.equal(people[0].documents, 2);
      assert.deepEqual(people[0].aliases.sort(), ['MUSTAFA BALI', 'Mustafa Bali']);
      assert.equal((await store.listEntities({ q: 'bali' })).items.length, 1);
    });

    it('review: edits override machine values (kept visible), reject hides, all audited', async () => {
      await store.ingest(strikeReport('a.txt', 'Outlet A', { killed: 7 }));
      const [ev] = (await store.listEvents()).items;
      const r = await store.review({ action: 'edit', eventId: ev.id, reviewer: 'ana', fields: { fatalities: { low: 8, best: 8, high: 8 } }, note: 'hospital figure' });
      assert.equal(r.events[0].fatalities?.best, 8);
      assert.equal(r.events[0].machine?.fatalities?.best, 7);
      assert.deepEqual(r.events[0].review, { status: 'edited', overridden: ['fatalities'] });
      const listed = (await store.listEvents()).items[0];
      assert.equal(listed.fatalities?.best, 8);
      // A new report re-summarises the machine values; the reviewed value still wins.
      await store.ingest(strikeReport('b.txt', 'Outlet B', { killed: 6 }));
      const after = (await store.getEvent(ev.id))!;
      assert.equal(after.fatalities?.best, 8);
      assert.equal(after.machine?.fatalities?.best, 6);
      await store.review({ action: 'reject', eventId: ev.id, reviewer: 'ben' });
      assert.equal((await store.listEvents()).items.length, 0);
      assert.equal((await store.listEvents({ includeRejected: true })).items.length, 1);
      const log = await store.auditLog({ eventId: ev.id });
      assert.deepEqual(log.map((l) => [l.action, l.reviewer, l.field]), [['reject', 'ben', 'review_status'], ['edit', 'ana', 'fatalities']]);
      assert.deepEqual(log[1].before, { low: 7, best: 7, high: 7 });
      assert.equal(log[1].note, 'hospital figure');
      await assert.rejects(store.review({ action: 'edit', eventId: ev.id, reviewer: 'x', fields: { id: 'y' } as any }));
      await assert.rejects(store.review({ action: 'accept', eventId: 'ev_nope', reviewer: 'x' }));
    });

    it('documents: search by words of title, source or outlet; sorted pages continue in order', async () => {
      await store.ingest(strikeReport('b-wire.txt', 'Wire 50% News', { date: '2019-03-02' }));
      await store.ingest(strikeReport('a-daily.txt', 'Daily Post', { date: '2019-03-09' }));
      await store.ingest(strikeReport('c-radio.txt', 'Radio Free', { date: '2019-03-05' }));
      const sources = async (q: Parameters<Store['listDocuments']>[0]) => {
        const out: string[] = [];
        let cursor: string | null = null;
        do {
          const page = await store.listDocuments({ ...q, limit: 1, cursor });
          out.push(...page.items.map((d) => d.source));
          cursor = page.next;
        } while (cursor);
        return out;
      };
      assert.deepEqual(await sources({}), ['b-wire.txt', 'a-daily.txt', 'c-radio.txt']);
      assert.deepEqual(await sources({ sort: '-ingested' }), ['c-radio.txt', 'a-daily.txt', 'b-wire.txt']);
      assert.deepEqual(await sources({ sort: '-published' }), ['a-daily.txt', 'c-radio.txt', 'b-wire.txt']);
      assert.deepEqual(await sources({ sort: 'outlet' }), ['a-daily.txt', 'c-radio.txt', 'b-wire.txt']);
      assert.deepEqual(await sources({ q: 'RADIO' }), ['c-radio.txt']);
      assert.deepEqual(await sources({ q: 'post daily' }), ['a-daily.txt']);
      assert.deepEqual(await sources({ q: '50%' }), ['b-wire.txt'], 'a LIKE wildcard is a plain character');
      assert.deepEqual(await sources({ q: '.txt', sort: '-published' }), ['a-daily.txt', 'c-radio.txt', 'b-wire.txt']);
      await assert.rejects(store.listDocuments({ sort: 'nope' as any }), /sort must be/);
    });

    it('review: undo takes back the last accept, reject or edit, one change at a time; a merge stops it', async () => {
      await store.ingest(strikeReport('a.txt', 'Outlet A', { killed: 7 }));
      const [ev] = (await store.listEvents()).items;
      await store.review({ action: 'accept', eventId: ev.id, reviewer: 'ana' });
      await store.review({ action: 'edit', eventId: ev.id, reviewer: 'ana', fields: { fatalities: { low: 8, best: 8, high: 8 } } });
      await store.review({ action: 'edit', eventId: ev.id, reviewer: 'ben', fields: { fatalities: { low: 9, best: 9, high: 9 }, notes: 'two sources' } });
      // Undo ben's edit (two fields at once): ana's value is back, the note goes, still edited.
      let r = await store.review({ action: 'undo', eventId: ev.id, reviewer: 'ana' });
      assert.equal(r.events[0].fatalities?.best, 8);
      assert.equal(r.events[0].notes ?? null, null);
      assert.deepEqual(r.events[0].review, { status: 'edited', overridden: ['fatalities'] });
      // Undo ana's edit: the machine's value, no override left, the status the accept set.
      r = await store.review({ action: 'undo', eventId: ev.id, reviewer: 'ana' });
      assert.equal(r.events[0].fatalities?.best, 7);
      assert.equal(r.events[0].machine, undefined);
      assert.deepEqual(r.events[0].review, { status: 'accepted', overridden: [] });
      // Undo the accept; then nothing is left.
      r = await store.review({ action: 'undo', eventId: ev.id, reviewer: 'ana' });
      assert.equal(r.events[0].review.status, 'unreviewed');
      await assert.rejects(store.review({ action: 'undo', eventId: ev.id, reviewer: 'ana' }), /nothing to undo/);
      const log = await store.auditLog({ eventId: ev.id });
      const undos = log.filter((l) => l.action === 'undo' && l.field === 'undone');
      assert.equal(undos.length, 3);
      assert.equal((undos[2].after as number[]).length, 2, "ben's edit was two entries");
      // A reject, undone, shows the event again.
      await store.review({ action: 'reject', eventId: ev.id, reviewer: 'ben' });
      assert.equal((await store.listEvents()).items.length, 0);
      await store.review({ action: 'undo', eventId: ev.id, reviewer: 'ben' });
      assert.equal((await store.listEvents()).items.length, 1);
      // A merge is taken back by a split, not by undo.
      await store.ingest(strikeReport('m.txt', 'Outlet B', { loc: MOSUL }));
      const other = (await store.listEvents()).items.find((e) => e.id !== ev.id)!;
      await store.review({ action: 'merge', eventIds: [ev.id, other.id], reviewer: 'ana' });
      await assert.rejects(store.review({ action: 'undo', eventId: ev.id, reviewer: 'ana' }), /merge/);
    });

    it('review: merge and split move reports between events', async () => {
      await store.ingest(strikeReport('a.txt', 'Outlet A'));
      await store.ingest(strikeReport('m.txt', 'Outlet B', { loc: MOSUL }));
      const [e1, e2] = (await store.listEvents()).items.map((e) => e.id);
      const merged = await store.review({ action: 'merge', eventIds: [e1, e2], reviewer: 'ana' });
      assert.equal(merged.events.length, 1);
      assert.equal(merged.events[0].corroboration.reports, 2);
      assert.equal((await store.listEvents()).items.length, 1);
      assert.equal(await store.getEvent(e2), null);
      const detail = (await store.getEvent(e1))!;
      const split = await store.review({ action: 'split', eventId: e1, reportIds: [detail.reports[1].id], reviewer: 'ana' });
      assert.equal(split.events.length, 2);
      assert.equal((await store.listEvents()).items.length, 2);
      await assert.rejects(store.review({ action: 'split', eventId: e1, reportIds: [detail.reports[0].id], reviewer: 'ana' }), /empty/);
    });

    it('change feed: additions, updates and deletions after a cursor', async () => {
      const first = await store.changes(null);
      assert.deepEqual(first.changes, []);
      await store.ingest(strikeReport('a.txt', 'Outlet A'));
      const c1 = await store.changes(first.cursor);
      assert.deepEqual(c1.changes.map((c) => c.op), ['add']);
      assert.ok(c1.changes[0].event);
      await store.ingest(strikeReport('b.txt', 'Outlet B'));
      const c2 = await store.changes(c1.cursor);
      assert.deepEqual(c2.changes.map((c) => [c.op, c.eventId]), [['update', c1.changes[0].eventId]]);
      assert.equal(c2.changes[0].event?.corroboration.reports, 2);
      await store.ingest(strikeReport('m.txt', 'Outlet C', { loc: MOSUL }));
      const c3 = await store.changes(c2.cursor);
      const mosul = c3.changes[0].eventId;
      await store.review({ action: 'merge', eventIds: [c1.changes[0].eventId, mosul], reviewer: 'x' });
      const c4 = await store.changes(c3.cursor);
      assert.ok(c4.changes.some((c) => c.op === 'delete' && c.eventId === mosul && c.event === null));
      assert.equal((await store.changes(c4.cursor)).changes.length, 0);
      assert.equal((await store.changes(c4.cursor)).cursor, c4.cursor);
    });

    it('stats: events by type and top actors', async () => {
      await store.ingest(strikeReport('a.txt', 'Outlet A'));
      await store.ingest(strikeReport('m.txt', 'Outlet B', { loc: MOSUL }));
      const s = await store.stats();
      assert.equal(s.documents, 2);
      assert.equal(s.events, 2);
      assert.deepEqual(s.eventsByType, { 'Explosions/Remote violence': 2 });
      assert.deepEqual(s.topActors.map((a) => [a.entity, a.events]), [['org:coalition', 2], ['org:isis', 2]]);
    });
  });
}
