import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { SqliteStore } from '../../src/store/sqlite/index.ts';
import { PostgresStore } from '../../src/store/postgres/index.ts';
import type { Store, StoredEvent, EventQuery } from '../../src/store/types.ts';
import { EVENT_SORTS } from '../../src/store/event-order.ts';
import { tempDir } from '../helpers.ts';
import { skipNoPg, freshUrl, dropSchemas } from '../store/pg-helpers.ts';
import { corpus, seed } from './fixtures.ts';

/**
 * The dashboard's table: sorted lists page in their order over both stores (keyset cursors),
 * the admin1 filter, and exact actor ids apart from name fragments.
 */
async function all(store: Store, q: EventQuery, limit = 7): Promise<StoredEvent[]> {
  const out: StoredEvent[] = [];
  let cursor: string | null = null;
  do {
    const page = await store.listEvents({ ...q, limit, cursor });
    out.push(...page.items);
    cursor = page.next;
  } while (cursor);
  return out;
}

const keyOf: Record<string, (e: StoredEvent) => string | number> = {
  date: (e) => e.date?.value ?? '',
  fatalities: (e) => e.fatalities?.best ?? -1,
  reports: (e) => e.corroboration.reports,
  type: (e) => e.type,
  place: (e) => e.location?.name ?? '',
};

function contract(name: string, open: () => Promise<Store>, skip: string | false = false) {
  describe(`event order and place filters: ${name}`, { skip }, () => {
    let store: Store;
    before(async () => {
      store = await open();
      await seed(store, corpus(30, { perDoc: 3, days: 40 }));
    });
    after(async () => store?.close());

    it('every sort pages through every event once, in order', async () => {
      const ids = (await all(store, {}, 500)).map((e) => e.id).sort();
      assert.ok(ids.length > 10, `${ids.length} events`);
      for (const sort of EVENT_SORTS) {
        const got = await all(store, { sort });
        assert.deepEqual(got.map((e) => e.id).sort(), ids, `${sort}: same events`);
        const key = keyOf[sort.replace('-', '')];
        const desc = sort.startsWith('-');
        for (let i = 1; i < got.length; i++) {
          const a = key(got[i - 1]), b = key(got[i]);
          // Unknowns (-1, '') come last in both directions.
          if (b === -1 || b === '') continue;
          assert.ok(desc ? a >= b : a <= b || a === -1 || a === '', `${sort} at ${i}: ${a} then ${b}`);
        }
      }
    });

    it('admin1 filters case-insensitively; an actor id matches exactly, a name fragment apart', async () => {
      const nineveh = await all(store, { admin1: 'nineveh' }, 500);
      assert.ok(nineveh.length > 0 && nineveh.every((e) => e.location?.admin1 === 'Nineveh'));
      const exact = await all(store, { actor: 'org:isis' }, 500);
      assert.ok(exact.length > 0 && exact.every((e) => e.actors.some((a) => a.entity === 'org:isis')));
      const byName = await all(store, { actorName: 'islamic' }, 500);
      assert.deepEqual(byName.map((e) => e.id).sort(), exact.map((e) => e.id).sort());
      const both = await all(store, { actor: 'org:sdf', actorName: 'islamic' }, 500);
      assert.ok(both.every((e) => e.actors.some((a) => a.entity === 'org:sdf') && e.actors.some((a) => a.entity === 'org:isis')));
    });

    it('entities sorted by how often they are named, paged', async () => {
      const got = [];
      let cursor: string | null = null;
      do {
        const page = await store.listEntities({ sort: 'mentions', limit: 3, cursor });
        got.push(...page.items);
        cursor = page.next;
      } while (cursor);
      const byId = await store.listEntities({ limit: 500 });
      assert.equal(got.length, byId.items.length);
      for (let i = 1; i < got.length; i++) assert.ok(got[i - 1].mentions >= got[i].mentions, `${got[i - 1].id} ${got[i - 1].mentions} then ${got[i].id} ${got[i].mentions}`);
    });
  });
}

const dir = tempDir('sitrep-order-');
contract('sqlite', async () => new SqliteStore(join(dir, 'o.db')));
contract('postgres', async () => new PostgresStore(freshUrl()), skipNoPg);
after(async () => {
  rmSync(dir, { recursive: true, force: true });
  if (!skipNoPg) await dropSchemas();
});
