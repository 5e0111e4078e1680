import { PassThrough } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { ServerState } from '../app.ts';
import type { Store } from '../../store/types.ts';
import { ref } from '../schemas.ts';

/**
 * GET /api/changes/stream: the change feed (/api/changes, the same cursor) pushed as server-sent
 * events, so an open dashboard learns of a new or changed event as soon as the store has it,
 * without polling the API. Each change is one `event: change` message whose `id:` is its cursor:
 * a browser's EventSource that reconnects sends it back as Last-Event-ID and misses nothing.
 * The first message (`event: ready`) tells the cursor the stream starts after.
 *
 * One timer per server asks the store for its newest cursor (changeHead, one indexed lookup)
 * while any stream is open; only when it moved do the streams read their changes. The route's
 * access rule is the default for GET ('read'), checked on the matched route like every other.
 */
const POLL_MS = 500;
const HEARTBEAT_MS = 15_000;

const schema = {
  summary: 'The change feed as server-sent events: one `change` message per event addition, update or deletion, as they happen',
  description:
    'text/event-stream. Messages: `ready` ({cursor}) first, then `change` (a Change, `id:` its cursor). Resume after a cursor with `since` or the Last-Event-ID header (EventSource sends it on reconnect); without either the stream starts at the newest change.',
  tags: ['events'],
  querystring: { type: 'object', properties: { since: { type: 'string', description: 'cursor to resume after (`latest` or omitted: only changes from now on)' } } },
  responses: {
    '200': { description: 'an endless text/event-stream', content: { 'text/event-stream': { schema: ref('Change') } } },
    '400': { description: 'the cursor is not one', schema: ref('ErrorResponse') },
  },
};

interface Subscriber {
  cursor: number;
  busy: boolean;
  out: PassThrough;
}

/** The streams open on one server and the one timer that watches the store for them. */
class ChangeHub {
  private readonly subs = new Set<Subscriber>();
  private timer: NodeJS.Timeout | null = null;
  private lastBeat = Date.now();

  constructor(private readonly store: Store) {}

  add(s: Subscriber): void {
    this.subs.add(s);
    this.timer ??= setInterval(() => void this.tick(), POLL_MS);
  }

  remove(s: Subscriber): void {
    this.subs.delete(s);
    if (!this.subs.size && this.timer) (clearInterval(this.timer), (this.timer = null));
  }

  closeAll(): void {
    for (const s of this.subs) s.out.end();
    this.subs.clear();
    if (this.timer) (clearInterval(this.timer), (this.timer = null));
  }

  private async tick(): Promise<void> {
    let head: number;
    try {
      head = await this.store.changeHead();
    } catch {
      return; // the store is away for a moment: the next tick tries again
    }
    const beat = Date.now() - this.lastBeat > HEARTBEAT_MS;
    if (beat) this.lastBeat = Date.now();
    for (const s of this.subs) {
      // A comment line now and then keeps proxies from closing a quiet stream.
      if (beat) s.out.write(': keep-alive\n\n');
      if (head > s.cursor && !s.busy) void this.push(s, head);
    }
  }

  private async push(s: Subscriber, head: number): Promise<void> {
    s.busy = true;
    try {
      while (s.cursor < head && this.subs.has(s)) {
        const feed = await this.store.changes(String(s.cursor), 500);
        if (!feed.changes.length) break;
        for (const c of feed.changes) s.out.write(`id: ${c.cursor}\nevent: change\ndata: ${JSON.stringify(c)}\n\n`);
        s.cursor = Number(feed.cursor);
      }
    } catch {
      // retried on the next tick from the same cursor
    } finally {
      s.busy = false;
    }
  }
}

export function registerLiveRoutes(app: FastifyInstance, state: ServerState): void {
  const hub = new ChangeHub(state.store);
  // Open streams would hold the server's close forever: end them first.
  app.addHook('preClose', async () => hub.closeAll());

  app.get('/api/changes/stream', { schema }, async (req, reply) => {
    const q = req.query as { since?: string };
    const asked = (req.headers['last-event-id'] as string | undefined) ?? q.since;
    if (asked != null && asked !== 'latest' && !/^\d{1,15}$/.test(asked)) return reply.code(400).send({ error: 'bad_request', message: `since: not a cursor: ${asked}`, field: 'since' });
    const cursor = asked == null || asked === 'latest' ? await state.store.changeHead() : Number(asked);
    reply.header('Content-Type', 'text/event-stream; charset=utf-8').header('Cache-Control', 'no-store').header('X-Accel-Buffering', 'no');
    if (req.method === 'HEAD') return reply.send();
    const out = new PassThrough();
    const sub: Subscriber = { cursor, busy: false, out };
    out.write(`retry: 3000\nevent: ready\ndata: ${JSON.stringify({ cursor: String(cursor) })}\n\n`);
    hub.add(sub);
    req.raw.on('close', () => {
      hub.remove(sub);
      out.end();
    });
    return reply.send(out);
  });
}
