import { watch, statSync, type FSWatcher } from 'node:fs';
import { join } from 'node:path';
import { readInputs, readerFor, walk, type ReadItem } from '../read/index.ts';
import { storedSource } from '../read/source-label.ts';
import type { WatchState } from '../store/watch.ts';
import type { Sink } from './sink.ts';

/**
 * A watched folder: every file a reader takes (as `sitrep ingest DIR` would walk it) is ingested
 * when it is new or changed. At start the whole folder is rescanned (files that came or changed
 * while no watcher ran); then the platform's file events (fs.watch, recursive: inotify on Linux,
 * FSEvents on macOS) say which paths to look at, each after a quiet moment (`debounceMs`) so that
 * a file being written is read once it is complete. A file counts as handled under its size and
 * mtime, kept in the store: an event that changed nothing (a touch, an editor's temp dance) costs
 * a stat, and a restarted watcher skips every file it already stored.
 */
export interface FolderDeps {
  watch: WatchState;
  sink: Sink;
  debounceMs: number;
  referenceDate?: string;
  log?: (line: string) => void;
  /** Called after each batch of files is handled (tests, the status line). */
  onBatch?: (stored: number) => void;
}

export class FolderSource {
  readonly key: string;
  private watcher: FSWatcher | null = null;
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private busy: Promise<unknown> = Promise.resolve();
  private stopped = false;

  constructor(
    readonly dir: string,
    private readonly deps: FolderDeps,
  ) {
    this.key = storedSource(dir);
  }

  /** Rescan, then follow file events. */
  async start(): Promise<void> {
    // Events from the start, so nothing written during the rescan is missed (they queue behind it).
    this.watcher = watch(this.dir, { recursive: true }, (_event, name) => {
      if (name != null) this.touched(join(this.dir, name.toString()));
    });
    this.watcher.on('error', (e) => this.deps.log?.(`${this.key}: file events stopped: ${e.message}`));
    await this.enqueue(() => this.handle([...walk(this.dir, true)]));
  }

  /** Wait for the files in hand (tests). */
  async idle(): Promise<void> {
    while (this.timers.size) await new Promise((r) => setTimeout(r, this.deps.debounceMs));
    await this.busy;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.watcher?.close();
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    await this.busy.catch(() => {});
  }

  private touched(path: string): void {
    if (this.stopped || path.split('/').some((s) => s.startsWith('.'))) return;
    clearTimeout(this.timers.get(path));
    this.timers.set(
      path,
      setTimeout(() => {
        this.timers.delete(path);
        let st;
        try {
          st = statSync(path);
        } catch {
          return; // removed again (a temp file)
        }
        const files = st.isDirectory() ? [...walk(path, true)] : readerFor(path) ? [path] : [];
        if (files.length) this.enqueue(() => this.handle(files)).catch(() => {});
      }, this.deps.debounceMs),
    );
  }

  private enqueue(fn: () => Promise<void>): Promise<void> {
    const run = this.busy.then(fn);
    this.busy = run.catch((e) => this.deps.log?.(`${this.key}: ${(e as Error).message}`));
    return run;
  }

  /** Ingest the new or changed ones of these files, then mark each handled under its size and mtime. */
  private async handle(files: string[]): Promise<void> {
    const tags = new Map<string, string>();
    for (const f of files) {
      try {
        const st = statSync(f);
        if (st.isFile()) tags.set(f, `${st.size}:${Math.round(st.mtimeMs)}`);
      } catch {
        // gone since the event
      }
    }
    const labels = [...tags.keys()].map((f) => storedSource(f));
    const seen = await this.deps.watch.seenItems(this.key, labels);
    let stored = 0;
    for (const [f, tag] of tags) {
      if (this.stopped) return;
      const label = storedSource(f);
      if (seen.get(label) === tag) continue;
      const docs: ReadItem[] = [];
      for await (const d of readInputs([f], { referenceDate: this.deps.referenceDate, label: storedSource })) docs.push(d);
      const out = await this.deps.sink.put(docs, `watch ${this.key}`);
      stored += out.filter((o) => 'status' in o && o.status !== 'unchanged').length;
      await this.deps.watch.markItem(this.key, label, tag);
    }
    this.deps.onBatch?.(stored);
  }
}

