import { parseArgs } from 'node:util';
import { existsSync, rmSync } from 'node:fs';
import { join, resolve, dirname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from './main.ts';
import { defaultDbPath, openStore } from '../store/index.ts';
import { ingestPaths } from '../store/ingest.ts';
import type { Store } from '../store/types.ts';
import { textTable } from '../export/index.ts';
import { formatContradiction } from './contradictions.ts';

/** The bundled sample articles (samples/ in the project, see samples/README.md). */
export const SAMPLES_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../samples');

/** A readable summary of what a store holds: events by type, top actors, events, contradictions. */
export async function summary(store: Store): Promise<string> {
  const s = await store.stats();
  const out: string[] = [];
  out.push(`${s.documents} document(s), ${s.events} event(s) from ${s.reports} report(s), ${s.claims} claim(s), ${s.entities} entities, ${s.contradictions} contradiction(s)`);
  out.push('', 'Events by type');
  const types = Object.entries(s.eventsByType);
  out.push(types.length ? textTable(['type', 'events'], types).trimEnd() : '  (none yet)');
  out.push('', 'Top actors (by events)');
  out.push(s.topActors.length ? textTable(['actor', 'id', 'events'], s.topActors.map((a) => [a.name, a.entity, a.events])).trimEnd() : '  (none yet)');
  const events = (await store.listEvents({ limit: 15 })).items;
  out.push('', `Latest events${s.events > events.length ? ` (${events.length} of ${s.events})` : ''}`);
  out.push(
    events.length
      ? textTable(
          ['date', 'event', 'where', 'actors', 'killed', 'grade'],
          events.map((e) => [
            e.date?.value ?? '?',
            e.subtype || e.type,
            e.location?.name ?? '',
            e.actors.filter((a) => a.role !== 'associated').map((a) => a.name || a.entity).join(' / '),
            e.fatalities?.best ?? '',
            `${e.corroboration.grade} (${e.corroboration.outlets})`,
          ]),
          36,
        ).trimEnd()
      : '  (none yet)',
  );
  const cs = await store.listContradictions();
  out.push('', `Contradictions (${cs.length})`);
  out.push(cs.length ? cs.slice(0, 10).map(formatContradiction).join('\n').trimEnd() : '  (none found)');
  if (!s.topActors.length) {
    // Mentions are there even when no event was extracted: show who the articles talk about.
    const ents = (await store.listEntities({ kind: 'actor', limit: 10_000 })).items.sort((a, b) => b.documents - a.documents || b.mentions - a.mentions).slice(0, 10);
    if (ents.length) out.push('', 'Most mentioned actors', textTable(['actor', 'id', 'documents', 'mentions'], ents.map((e) => [e.name, e.id, e.documents, e.mentions])).trimEnd());
  }
  return out.join('\n') + '\n';
}

export const command: Command = {
  summary: 'Ingest the bundled sample articles into a local database and print a summary (re-runnable).',
  usage: 'sitrep demo [--db FILE] [--fresh] [PATH...]   (default: the samples/ articles into .sitrep/sitrep.db)',
  async run(args) {
    const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { db: { type: 'string' }, fresh: { type: 'boolean', default: false } } });
    const db = values.db ?? defaultDbPath();
    if (values.fresh) for (const f of [db, db + '-wal', db + '-shm']) if (existsSync(f)) rmSync(f);
    // Sources are stored as given: keep them short (samples/...) when run from the project.
    const rel = relative(process.cwd(), SAMPLES_DIR);
    const paths = positionals.length ? positionals : [rel && !rel.startsWith('..') ? rel : SAMPLES_DIR];
    if (!paths.every(existsSync)) throw new Error(`not found: ${paths.filter((p) => !existsSync(p)).join(', ')}`);
    const store = openStore(db);
    try {
      const t0 = performance.now();
      const run = await ingestPaths(store, paths, { command: 'demo' });
      const ms = performance.now() - t0;
      const where = relative(process.cwd(), db) || db;
      process.stdout.write(
        `sitrep demo: ingested ${run.seen} article(s) from ${paths.map((p) => relative(process.cwd(), p) || p).join(', ')} into ${where} in ${ms.toFixed(0)} ms ` +
          `(${run.added} new, ${run.versions} new version(s), ${run.unchanged} already stored, ${run.skipped} skipped)\n\n`,
      );
      for (const s of run.skips) process.stdout.write(`  skipped ${s.source}: ${s.code}: ${s.message}\n`);
      process.stdout.write(await summary(store));
      process.stdout.write(`\nNext: sitrep events --db ${where} [--format csv|geojson|jsonl] · sitrep claims · sitrep contradictions · sitrep changes\n`);
      return 0;
    } finally {
      await store.close();
    }
  },
};
