/**
 * What `sitrep watch` keeps in the store about the sources it follows (tables of migration
 * 006_watch_state): per source the HTTP validators of the last answer (ETag, Last-Modified), the
 * last success and error, the back-off count, and which items it has already handled. A watcher
 * restarted (or killed and started again) reads this back, so it neither fetches again what it
 * stored nor skips what appeared meanwhile. Each backend implements it; the watcher never sees SQL.
 */
export type WatchKind = 'feed' | 'folder';

export interface WatchSourceState {
  /** The feed URL, or the folder as given. */
  source: string;
  kind: WatchKind;
  etag: string | null;
  lastModified: string | null;
  /** sha256 of the last feed body handled, for servers that send no validators. */
  bodyHash: string | null;
  lastPoll: string | null;
  lastSuccess: string | null;
  lastError: string | null;
  lastErrorAt: string | null;
  /** Failures in a row since the last success (drives the back-off). */
  errors: number;
  nextPoll: string | null;
  /** Items stored (or queued) from this source so far. */
  items: number;
}

export interface WatchState {
  getSource(source: string): Promise<WatchSourceState | null>;
  listSources(): Promise<WatchSourceState[]>;
  /** Write a source's whole state (one watcher owns a source; last write wins). */
  saveSource(s: WatchSourceState): Promise<void>;
  /** Of these item keys, the ones already handled, with the tag they were handled under. */
  seenItems(source: string, items: string[]): Promise<Map<string, string>>;
  /** Record an item as handled (after it was stored or queued). */
  markItem(source: string, item: string, tag?: string): Promise<void>;
}

/** A fresh state for a source never polled. */
export function newSourceState(source: string, kind: WatchKind): WatchSourceState {
  return { source, kind, etag: null, lastModified: null, bodyHash: null, lastPoll: null, lastSuccess: null, lastError: null, lastErrorAt: null, errors: 0, nextPoll: null, items: 0 };
}

export type WatchRow = Record<string, any>;

export function sourceFromRow(r: WatchRow): WatchSourceState {
  return {
    source: r.source, kind: r.kind, etag: r.etag ?? null, lastModified: r.last_modified ?? null, bodyHash: r.body_hash ?? null,
    lastPoll: r.last_poll ?? null, lastSuccess: r.last_success ?? null, lastError: r.last_error ?? null, lastErrorAt: r.last_error_at ?? null,
    errors: Number(r.errors ?? 0), nextPoll: r.next_poll ?? null, items: Number(r.items ?? 0),
  };
}

/** The columns of watch_sources in order, with the state's values. */
export function sourceValues(s: WatchSourceState): unknown[] {
  return [s.source, s.kind, s.etag, s.lastModified, s.bodyHash, s.lastPoll, s.lastSuccess, s.lastError, s.lastErrorAt, s.errors, s.nextPoll, s.items];
}
export const SOURCE_COLUMNS = ['source', 'kind', 'etag', 'last_modified', 'body_hash', 'last_poll', 'last_success', 'last_error', 'last_error_at', 'errors', 'next_poll', 'items'];
