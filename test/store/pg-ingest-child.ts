// Child process for the PostgreSQL crash test: ingests synthetic documents [from, to) into the
// store at URL, printing "ok N STATUS" after each committed document. Usage: pg-ingest-child.ts URL FROM TO
import { PostgresStore } from '../../src/store/postgres/index.ts';
import { syntheticDoc } from './generate.ts';

const [url, from, to] = process.argv.slice(2);
const store = new PostgresStore(url);
const run = await store.beginRun('child');
for (let i = Number(from); i < Number(to); i++) {
  const o = await store.ingest(syntheticDoc(i, { mentions: 150, days: 60 }), run);
  process.stdout.write(`ok ${i} ${o.status}\n`);
}
await store.finishRun(run);
await store.close();
