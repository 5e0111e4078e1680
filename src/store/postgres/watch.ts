import { SOURCE_COLUMNS, sourceFromRow, sourceValues, type WatchSourceState, type WatchState } from '../watch.ts';

type Query = (sql: string, args?: unknown[]) => Promise<Array<Record<string, any>>>;

/** The watcher's poll state in the store's PostgreSQL schema (tables from migration 005_watch_state). */
export class PostgresWatchState implements WatchState {
  constructor(private readonly q: Query) {}

  async getSource(source: string): Promise<WatchSourceState | null> {
    const [r] = await this.q('SELECT * FROM watch_sources WHERE source = $1', [source]);
    return r ? sourceFromRow(r) : null;
  }

  async listSources(): Promise<WatchSourceState[]> {
    return (await this.q('SELECT * FROM watch_sources ORDER BY source')).map(sourceFromRow);
  }

  async saveSource(s: WatchSourceState): Promise<void> {
    const sets = SOURCE_COLUMNS.slice(1).map((c) => `${c} = excluded.${c}`).join(', ');
    await this.q(
      `INSERT INTO watch_sources (${SOURCE_COLUMNS.join(', ')}) VALUES (${SOURCE_COLUMNS.map((_, i) => `$${i + 1}`).join(', ')}) ON CONFLICT (source) DO UPDATE SET ${sets}`,
      sourceValues(s),
    );
  }

  async seenItems(source: string, items: string[]): Promise<Map<string, string>> {
    if (!items.length) return new Map();
    const rows = await this.q('SELECT item, tag FROM watch_items WHERE source = $1 AND item = ANY($2::text[])', [source, items]);
    return new Map(rows.map((r) => [r.item as string, r.tag as string]));
  }

  async markItem(source: string, item: string, tag = ''): Promise<void> {
    await this.q('INSERT INTO watch_items (source, item, tag, seen_at) VALUES ($1, $2, $3, $4) ON CONFLICT (source, item) DO UPDATE SET tag = excluded.tag, seen_at = excluded.seen_at', [source, item, tag, new Date().toISOString()]);
  }
}
