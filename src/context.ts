import { loadPacks, type Pack } from './packs/load.ts';

/**
 * What is loaded once per process and shared by every document: the domain packs, and heavy
 * resources (gazetteer, lexicons, models) built lazily on first use through `resource()`.
 */
export interface ContextOptions {
  /** Pack names (folders under packs/) or paths to pack folders. */
  packs?: string[];
  /** Resolve relative times against this date when a document gives none (YYYY-MM-DD). */
  referenceDate?: string;
}

export class Context {
  readonly packs: Pack[];
  readonly options: ContextOptions;
  private readonly resources = new Map<string, unknown>();

  constructor(options: ContextOptions = {}) {
    this.options = options;
    this.packs = loadPacks(options.packs ?? ['iraq-syria']);
  }

  /** Build a shared resource once (keyed by name) and return it on every later call. */
  resource<T>(key: string, build: (ctx: Context) => T): T {
    if (!this.resources.has(key)) this.resources.set(key, build(this));
    return this.resources.get(key) as T;
  }

  /** Every pack's entries for one section (e.g. 'entities'), concatenated in pack order. */
  section<T = unknown>(name: string): T[] {
    const out: T[] = [];
    for (const p of this.packs) {
      const s = p.sections[name];
      if (Array.isArray(s)) out.push(...(s as T[]));
      else if (s != null) out.push(s as T);
    }
    return out;
  }
}
