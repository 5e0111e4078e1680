import type Database from 'better-sqlite3';
import { SOURCE_COLUMNS, sourceFromRow, sourceValues, type WatchRow, type WatchSourceState, type WatchState } from '../watch.ts';

/** The watcher's poll state in the store's SQLite file (tables from migration 006_watch_state). */
export class SqliteWatchState implements WatchState {
  constructor(private readonly db: Database.Database) {}

  async getSource(source: string): Promise<WatchSourceState | null> {
    const r = this.db.prepare('SELECT * FROM watch_sources WHERE source = ?').get(source) as WatchRow | undefined;
    return r ? sourceFromRow(r) : null;
  }

  async listSources(): Promise<WatchSourceState[]> {
    return (this.db.prepare('SELECT * FROM watch_sources ORDER BY source').all() as WatchRow[]).map(sourceFromRow);
  }

  async saveSource(s: WatchSourceState): Promise<void> {
    const cols = SOURCE_COLUMNS.join(', ');
    const sets = SOURCE_COLUMNS.slice(1).map((c) => `${c} = excluded.${c}`).join(', ');
    this.db.prepare(`INSERT INTO watch_sources (${cols}) VALUES (${SOURCE_COLUMNS.map(() => '?').join(', ')}) ON CONFLICT(source) DO UPDATE SET ${sets}`).run(...sourceValues(s));
  }

  async seenItems(source: string, items: string[]): Promise<Map<string, string>> {
    if (!items.length) return new Map();
    const rows = this.db.prepare('SELECT item, tag FROM watch_items WHERE source = ? AND item IN (SELECT value FROM json_each(?))').all(source, JSON.stringify(items)) as Array<{ item: string; tag: string }>;
    return new Map(rows.map((r) => [r.item, r.tag]));
  }

  async markItem(source: string, item: string, tag = ''): Promise<void> {
    this.db.prepare('INSERT INTO watch_items (source, item, tag, seen_at) VALUES (?, ?, ?, ?) ON CONFLICT(source, item) DO UPDATE SET tag = excluded.tag, seen_at = excluded.seen_at').run(source, item, tag, new Date().toISOString());
  }
}
