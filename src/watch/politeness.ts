/**
 * Per-host politeness: requests to one host go one at a time, at least `delayMs` apart (or the
 * site's robots.txt Crawl-delay when longer). Feeds on different hosts do not wait for each other.
 */
export class HostGate {
  private readonly next = new Map<string, Promise<void>>();
  private readonly last = new Map<string, number>();
  private readonly delays = new Map<string, number>();

  constructor(private readonly delayMs: number) {}

  /** A longer delay for one host (robots.txt Crawl-delay, seconds). */
  setCrawlDelay(host: string, seconds: number | undefined): void {
    if (seconds != null && Number.isFinite(seconds) && seconds > 0) this.delays.set(host, Math.min(seconds * 1000, 60_000));
  }

  /** Run `fn` when this host's turn comes. */
  async run<T>(url: string, fn: () => Promise<T>): Promise<T> {
    const host = new URL(url).host;
    const before = this.next.get(host) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((r) => (release = r));
    this.next.set(host, before.then(() => mine));
    await before;
    try {
      const wait = (this.last.get(host) ?? -Infinity) + Math.max(this.delayMs, this.delays.get(host) ?? 0) - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      return await fn();
    } finally {
      this.last.set(host, Date.now());
      release();
    }
  }
}
