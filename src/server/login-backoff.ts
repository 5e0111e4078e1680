/**
 * Login back-off per account (not per client: behind a proxy every client has one address, and
 * keying by address let anyone lock anyone out, or spread guesses over addresses).
 *
 * The first `free` failures cost nothing; after that each further attempt on the account must wait
 * `baseMs * 2^(failures - free)` since the last one, at most `maxMs`. The account is never locked:
 * once the wait is over, the next attempt is evaluated, and a correct password, from any client,
 * logs in and clears the count. A guesser who keeps failing is held to one guess per `maxMs`.
 *
 * Counting is atomic: `reserve` runs synchronously before the password check's await and counts the
 * attempt as a failure at once (a success clears it afterwards), so forty concurrent guesses see
 * each other and at most `free` of them are evaluated.
 *
 * State is in memory (per server process), bounded, and forgotten a day after the last failure.
 */
export interface BackoffOptions {
  free?: number;
  baseMs?: number;
  maxMs?: number;
  /** Failures older than this are forgotten. */
  forgetMs?: number;
  /** Accounts tracked at most (the oldest is dropped beyond). */
  maxKeys?: number;
  now?: () => number;
}

export class LoginBackoff {
  readonly free: number;
  private readonly baseMs: number;
  private readonly maxMs: number;
  private readonly forgetMs: number;
  private readonly maxKeys: number;
  private readonly now: () => number;
  private readonly state = new Map<string, { failures: number; last: number }>();

  constructor(o: BackoffOptions = {}) {
    this.free = o.free ?? 5;
    this.baseMs = o.baseMs ?? 2000;
    this.maxMs = o.maxMs ?? 15 * 60_000;
    this.forgetMs = o.forgetMs ?? 24 * 3600_000;
    this.maxKeys = o.maxKeys ?? 100_000;
    this.now = o.now ?? Date.now;
  }

  /** The wait after `failures` failures. */
  delay(failures: number): number {
    return failures < this.free ? 0 : Math.min(this.maxMs, this.baseMs * 2 ** (failures - this.free));
  }

  /**
   * Take an attempt slot for `key`: 0 when the attempt may go ahead (it is counted as a failure
   * until `succeeded`), else the milliseconds left to wait (nothing is counted).
   */
  reserve(key: string): number {
    const now = this.now();
    let s = this.state.get(key);
    if (s && now - s.last > this.forgetMs) s = undefined;
    const failures = s?.failures ?? 0;
    const wait = s ? this.delay(failures) - (now - s.last) : 0;
    if (wait > 0) return Math.ceil(wait);
    this.state.delete(key); // re-insert: the map's order is least recently failed first
    this.state.set(key, { failures: failures + 1, last: now });
    if (this.state.size > this.maxKeys) this.state.delete(this.state.keys().next().value!);
    return 0;
  }

  /** The attempt succeeded: the account starts afresh. */
  succeeded(key: string): void {
    this.state.delete(key);
  }
}
