import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { rmSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { openStore } from '../../src/store/index.ts';
import type { Store } from '../../src/store/types.ts';
import { Accounts } from '../../src/server/accounts.ts';
import { buildServer } from '../../src/server/app.ts';
import { tempDir } from '../helpers.ts';
import { corpus, seed } from './fixtures.ts';
import { skipNoPg, freshUrl, dropSchemas } from '../store/pg-helpers.ts';

/**
 * Review edits are held to ACLED's vocabulary and to the store's entities, by the route schemas
 * (schemas.ts) and the checks that need the event (review-checks.ts). Every refusal is a 400 that
 * names the field, and changes nothing. Over SQLite, and over PostgreSQL when it answers (the
 * entity checks go through the Store interface).
 */
const BACKENDS: Array<[string, () => Store, string | false]> = [
  ['sqlite', () => openStore(join(dir, 'v.db')), false],
  ['postgres', () => openStore(freshUrl()), skipNoPg],
];
let dir: string;
let store: Store;
let app: FastifyInstance;
let base: string;
let cookie = '';
let battle: any;

async function call(method: string, path: string, body?: unknown) {
  const res = await fetch(base + path, { method, headers: { cookie, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) }, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  let json: any = null;
  try {
    json = JSON.parse(text);
  } catch {}
  return { status: res.status, json, text };
}
const patch = (fields: unknown, id = battle.id) => call('PATCH', '/api/events/' + encodeURIComponent(id), { fields });
const edit = (fields: unknown, id = battle.id) => call('POST', '/api/review', { action: 'edit', eventId: id, fields });

for (const [backend, open, skip] of BACKENDS) {
  describe(`review validation over ${backend}`, { skip }, () => {
    before(async () => {
      dir = tempDir('sitrep-validation-');
      store = open();
      const accounts = new Accounts(store);
      await accounts.create('ana', 'correct horse battery', 'analyst');
      await seed(store, corpus(12, { perDoc: 3, days: 30 }));
      app = await buildServer({ store, accounts });
      base = await app.listen({ host: '127.0.0.1', port: 0 });
      const login = await fetch(base + '/api/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'ana', password: 'correct horse battery' }) });
      assert.equal(login.status, 200);
      cookie = login.headers.get('set-cookie')!.split(';')[0];
      battle = (await call('GET', '/api/events?type=Battles&limit=1')).json.items[0];
      assert.ok(battle?.actors.length, 'a seeded battle with actors');
    });

    after(async () => {
      await app?.close();
      await store?.close();
      rmSync(dir, { recursive: true, force: true });
      await dropSchemas();
    });

    /** A refusal: 400, the field named, and the event unchanged. */
    async function refused(res: { status: number; json: any; text: string }, field: string, message?: RegExp) {
      assert.equal(res.status, 400, res.text);
      assert.equal(res.json.error, 'bad_request');
      assert.equal(res.json.field, field, res.text);
      if (message) assert.match(res.json.message, message);
      const now = (await call('GET', '/api/events/' + encodeURIComponent(battle.id))).json;
      assert.equal(now.review.status, 'unreviewed', 'nothing was stored');
    }

    test('types outside ACLED six and subtypes outside their type are refused', async () => {
      for (const send of [patch, edit]) {
        await refused(await send({ type: 'Skirmish' }), 'fields.type', /Battles/);
        await refused(await send({ type: '<b>Battles</b>' }), 'fields.type');
        await refused(await send({ subtype: 'Drive-by' }), 'fields.subtype');
        // A real subtype, but of another type.
        await refused(await send({ subtype: 'Peaceful protest' }), 'fields.subtype', /not a subtype of Battles/);
        await refused(await send({ type: 'Protests', subtype: 'Armed clash' }), 'fields.subtype');
        // A new type whose subtypes do not include the event's current one needs a subtype with it.
        await refused(await send({ type: 'Protests' }), 'fields.subtype', /send a subtype/);
      }
    });

    test('roles, ACLED classes and actor names are checked', async () => {
      const known = battle.actors[0];
      await refused(await patch({ actors: [{ entity: known.entity, role: 'Syrian' }] }), 'fields.actors[0].role');
      await refused(await edit({ actors: [known, { entity: known.entity, role: 'actor9' }] }), 'fields.actors[1].role');
      await refused(await patch({ actors: [{ entity: known.entity, role: 'actor1', inter: 9 }] }), 'fields.actors[0].inter');
      await refused(await patch({ actors: [{ entity: known.entity, role: 'actor1', name: '<script>alert(1)</script>' }] }), 'fields.actors[0].name', /< or >/);
      await refused(await patch({ actors: [{ entity: known.entity, role: 'actor1', colour: 'red' }] }), 'fields.actors[0].colour');
      await refused(await patch({ actors: [{ role: 'actor1' }] }), 'fields.actors[0].entity', /mark the actor as new/);
    });

    test('unknown entity ids are refused unless the actor is marked new', async () => {
      await refused(await patch({ actors: [{ entity: 'org:does-not-exist', role: 'actor1' }] }), 'fields.actors[0].entity', /unknown entity/);
      await refused(await edit({ actors: [battle.actors[0], { entity: 'org:does-not-exist', role: 'actor2' }] }), 'fields.actors[1].entity');
      // A place is an entity, but not an actor.
      const place = (await call('GET', '/api/entities?kind=place&limit=1')).json.items[0];
      await refused(await patch({ actors: [{ entity: place.id, role: 'actor1' }] }), 'fields.actors[0].entity', /place/);
      // New, but nameless.
      await refused(await patch({ actors: [{ entity: null, role: 'actor1', new: true }] }), 'fields.actors[0].name');
    });

    test('counts must be non-negative integers of units the event has; fatalities ordered integers', async () => {
      await refused(await patch({ counts: { killed: -1 } }), 'fields.counts.killed');
      await refused(await patch({ counts: { killed: 2.5 } }), 'fields.counts.killed');
      await refused(await patch({ counts: { killed: '3' } }), 'fields.counts.killed');
      await refused(await patch({ counts: { goats: 3 } }), 'fields.counts.goats', /unknown count unit/);
      await refused(await patch({ counts: { '<img>': 3 } }), 'fields.counts');
      await refused(await patch({ fatalities: { low: 5, best: 2, high: 1 } }), 'fields.fatalities');
      await refused(await patch({ fatalities: { low: 1, best: 2, high: '3' } }), 'fields.fatalities.high');
    });

    test('the body as a whole: unknown fields, empty edits, bad shapes, unknown actions', async () => {
      await refused(await patch({ password: 1 }), 'fields.password', /not accepted/);
      await refused(await patch({}), 'fields');
      await refused(await call('PATCH', '/api/events/' + battle.id, { type: 'Battles' }), 'fields', /required/);
      await refused(await patch({ location: { name: 'Mosul', lat: 123, lon: 43 } }), 'fields.location.lat');
      await refused(await patch({ location: { name: 'Mosul<br>', lat: 36, lon: 43 } }), 'fields.location.name');
      await refused(await patch({ date: { value: 'yesterday', precision: 'day' } }), 'fields.date.value');
      await refused(await call('POST', '/api/review', { action: 'explode', eventId: battle.id }), 'action');
      await refused(await call('POST', '/api/review', { action: 'merge', eventIds: [battle.id] }), 'eventIds');
      await refused(await call('POST', `/api/events/${battle.id}/accept`, { note: 5 }), 'note');
      await refused(await call('GET', '/api/events?limit=abc'), 'query.limit');
    });

    test('valid edits pass: a known actor keeps its name, a new one is stored marked new, notes keep any text', async () => {
      const [a1] = battle.actors;
      const res = await patch({
        type: 'Battles',
        subtype: 'Government regains territory',
        actors: [
          { entity: a1.entity, role: 'actor1', inter: 1 },
          { entity: null, name: 'New Group', role: 'actor2', inter: 3, new: true },
        ],
        counts: { killed: 4 },
        notes: 'checked <against> the second source & the map',
      });
      assert.equal(res.status, 200, res.text);
      const e = (await call('GET', '/api/events/' + encodeURIComponent(battle.id))).json;
      assert.equal(e.subtype, 'Government regains territory');
      assert.deepEqual(e.actors[0], { entity: a1.entity, name: a1.name, role: 'actor1', inter: 1 });
      assert.deepEqual(e.actors[1], { entity: 'org:new-group', name: 'New Group', role: 'actor2', inter: 3, new: true });
      assert.equal(e.counts.killed, 4);
      assert.equal(e.notes, 'checked <against> the second source & the map');
      // Saving the same actors again (as the editor does) keeps the new one marked new.
      const again = await patch({ actors: e.actors });
      assert.equal(again.status, 200, again.text);
      const e2 = (await call('GET', '/api/events/' + encodeURIComponent(battle.id))).json;
      assert.equal(e2.actors[1].new, true);
    });

    test('the OpenAPI document carries the schemas fastify validates with', async () => {
      const doc = (await call('GET', '/api/openapi.json')).json;
      const body = doc.paths['/api/events/{id}'].patch.requestBody.content['application/json'].schema;
      assert.deepEqual(body.properties.fields.properties.type.enum.length, 6);
      assert.ok(body.properties.fields.properties.subtype.enum.includes('Air/drone strike'));
      assert.deepEqual(body.properties.fields.properties.actors.items.properties.role.enum, ['actor1', 'actor2', 'target', 'associated']);
      const review = doc.paths['/api/review'].post.requestBody.content['application/json'].schema;
      assert.equal(review.oneOf.length, 5);
      const limit = doc.paths['/api/events'].get.parameters.find((p: any) => p.name === 'limit');
      assert.equal(limit.schema.type, 'integer');
      assert.deepEqual(doc.paths['/api/events/{id}'].patch.security, [{ session: [] }, { token: [] }]);
    });
  });
}
