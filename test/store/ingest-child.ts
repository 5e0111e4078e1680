// Child process for crash and concurrency tests: ingests synthetic documents [from, to) into a
// SQLite file, printing "ok N" after each committed document. Usage: ingest-child.ts DB FROM TO
import { SqliteStore } from '../../src/store/sqlite/index.ts';
import { syntheticDoc } from './generate.ts';

const [db, from, to, mentions] = process.argv.slice(2);
const store = new SqliteStore(db);
const run = await store.beginRun('child');
for (let i = Number(from); i < Number(to); i++) {
  const o = await store.ingest(syntheticDoc(i, { mentions: Number(mentions ?? 400) }), run);
  process.stdout.write(`ok ${i} ${o.status}\n`);
}
await store.finishRun(run);
await store.close();
