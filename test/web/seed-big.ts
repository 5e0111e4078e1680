/**
 * Fills a SQLite store with N synthetic events (test/server/fixtures.ts) for the dashboard's
 * first-paint measurement; run as a child process by dashboard.test.ts so that it works while
 * the other browser tests run. Prints {"events", "ms"} as its last line.
 * usage: node --import tsx test/web/seed-big.ts FILE.db N
 */
import { openStore } from '../../src/store/index.ts';
import { corpus, seed } from '../server/fixtures.ts';

const [path, n] = process.argv.slice(2);
const t0 = performance.now();
const store = openStore(path);
// 50 events per document: half the ingest time of 10 per document, same events. Spread over
// 3000 days so that the clustering (which joins reports of one type family, near in place and
// time) keeps about as many events as reports: the measurement is of 10,000 events.
await seed(store, corpus(Number(n ?? 10_500), { perDoc: 50, days: 3000, seed: 11 }));
const events = (await store.stats()).events;
await store.close();
process.stdout.write(JSON.stringify({ events, ms: Math.round(performance.now() - t0) }) + '\n');
