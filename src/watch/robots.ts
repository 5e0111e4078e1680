import robotsParserModule from 'robots-parser';
import { httpGet, ROBOTS_AGENT, type GetOptions } from './http.ts';
import type { HostGate } from './politeness.ts';

/**
 * robots.txt, per origin, read once an hour (robots-parser: Google's matching rules, agent
 * groups, Crawl-delay). As the robots exclusion standard (RFC 9309) says: a 4xx answer means no
 * rules (all allowed); a 5xx or no answer means "assume disallowed" until it can be read, so a
 * watcher never crawls a site whose rules it could not see.
 */
interface Robot {
  isAllowed(url: string, ua?: string): boolean | undefined;
  getCrawlDelay(ua?: string): number | undefined;
}
// A CommonJS module whose export is the function (its typings declare it as the default export).
const robotsParser = robotsParserModule as unknown as (url: string, robotstxt: string) => Robot;

const TTL_MS = 3_600_000;
/** Rules that could not be read are tried again sooner. */
const RETRY_MS = 300_000;

export class RobotsCache {
  private readonly cache = new Map<string, { until: number; robot: Robot | 'all' | 'none' }>();

  constructor(
    private readonly gate: HostGate,
    private readonly http: Pick<GetOptions, 'timeoutMs' | 'userAgent'>,
  ) {}

  async allowed(url: string): Promise<boolean> {
    const u = new URL(url);
    const origin = u.origin;
    let entry = this.cache.get(origin);
    if (!entry || Date.now() > entry.until) {
      const robot = await this.load(origin);
      entry = { until: Date.now() + (robot === 'none' ? RETRY_MS : TTL_MS), robot };
      this.cache.set(origin, entry);
      if (typeof entry.robot === 'object') this.gate.setCrawlDelay(u.host, entry.robot.getCrawlDelay(ROBOTS_AGENT));
    }
    if (entry.robot === 'all') return true;
    if (entry.robot === 'none') return false;
    return entry.robot.isAllowed(url, ROBOTS_AGENT) !== false;
  }

  private async load(origin: string): Promise<Robot | 'all' | 'none'> {
    const url = `${origin}/robots.txt`;
    try {
      const r = await this.gate.run(url, () => httpGet(url, { ...this.http, accept: 'text/plain', maxBytes: 512 * 1024 }));
      if (r.status >= 200 && r.status < 300) return robotsParser(url, r.body.toString('utf8'));
      if (r.status >= 400 && r.status < 500) return 'all';
      return 'none';
    } catch {
      return 'none';
    }
  }
}
