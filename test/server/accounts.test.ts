import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { rmSync } from 'node:fs';
import { spawn, spawnSync } from 'node:child_process';
import { openStore } from '../../src/store/index.ts';
import type { Store } from '../../src/store/types.ts';
import { StoreError } from '../../src/store/errors.ts';
import { Accounts, passwordProblem } from '../../src/server/accounts.ts';
import { buildServer } from '../../src/server/app.ts';
import { ROOT, tempDir } from '../helpers.ts';
import { freshUrl, dropSchemas, skipNoPg } from '../store/pg-helpers.ts';
import { corpus, seed } from './fixtures.ts';

/**
 * Accounts: password rules, login timing, the per-account back-off, token lifetimes and
 * revocation, and error answers. The account cases run over SQLite and over PostgreSQL (the same
 * Store interface), and `sitrep serve --db postgres://...` is started for real.
 */
const PW = 'correct horse battery';
const DAY = 86_400_000;

function accountCases(name: string, open: () => Promise<Store>, skip: string | false = false) {
  describe(`accounts over ${name}`, { skip }, () => {
    let store: Store;
    let now = Date.now();
    let accounts: Accounts;
    before(async () => {
      store = await open();
      accounts = new Accounts(store, { clock: () => now });
    });
    after(async () => store?.close());

    test('create, count, verify; a taken name is a conflict; bad input is a bad request', async () => {
      assert.equal(await accounts.count(), 0);
      const ana = await accounts.create('ana', PW, 'analyst');
      assert.equal(ana.username, 'ana');
      assert.equal(await accounts.count(), 1);
      assert.equal((await accounts.verify('ana', PW))?.id, ana.id);
      assert.equal(await accounts.verify('ana', 'wrong password'), null);
      assert.equal(await accounts.verify('nobody', PW), null);
      await assert.rejects(accounts.create('ana', PW), (e: unknown) => e instanceof StoreError && e.code === 'conflict');
      await assert.rejects(accounts.create('bad name!', PW), (e: unknown) => e instanceof StoreError && e.code === 'bad_request');
      await assert.rejects(accounts.create('bob', '12345678'), (e: unknown) => e instanceof StoreError && e.code === 'bad_request' && /10 characters/.test(e.message));
      await assert.rejects(accounts.setPassword('nobody', PW), (e: unknown) => e instanceof StoreError && e.code === 'not_found');
    });

    test('sessions and tokens: kinds are not interchangeable, tokens are listed without secrets, revoked, and expire', async () => {
      const ana = (await accounts.verify('ana', PW))!;
      const session = await accounts.openSession(ana);
      const token = await accounts.openSession(ana, 'token', 'ci', 2);
      assert.match(token, /^srt_/);
      assert.equal((await accounts.lookup(session, 'session'))?.username, 'ana');
      assert.equal((await accounts.lookup(token, 'token'))?.username, 'ana');
      assert.equal(await accounts.lookup(token, 'session'), null, 'a token is not a cookie');
      assert.equal(await accounts.lookup(session, 'token'), null, 'a cookie is not a token');
      const list = await accounts.listTokens(ana);
      assert.equal(list.length, 1);
      assert.equal(list[0].label, 'ci');
      assert.ok(!JSON.stringify(list).includes(token.slice(4)), 'no secret in the list');
      assert.equal(Date.parse(list[0].expires!) - now, 2 * DAY);
      // Time passes: the two-day token ends, the 14-day session goes on.
      now += 3 * DAY;
      assert.equal(await accounts.lookup(token, 'token'), null, 'expired token');
      assert.equal((await accounts.lookup(session, 'session'))?.username, 'ana');
      now += 12 * DAY;
      assert.equal(await accounts.lookup(session, 'session'), null, 'expired session');
      // Revocation: only the owner's own token, by its listed id.
      const t2 = await accounts.openSession(ana, 'token', 'second');
      const id = (await accounts.listTokens(ana)).find((t) => t.label === 'second')!.id;
      const other = await accounts.create('zed', 'another long password');
      assert.equal(await accounts.revokeToken(other, id), false, "not someone else's token");
      assert.equal((await accounts.lookup(t2, 'token'))?.username, 'ana');
      assert.equal(await accounts.revokeToken(ana, id), true);
      assert.equal(await accounts.lookup(t2, 'token'), null, 'revoked');
      assert.equal(await accounts.revokeToken(ana, id), false);
      // A default token lives 90 days, and no token more than a year.
      await accounts.openSession(ana, 'token', 'default');
      await accounts.openSession(ana, 'token', 'long', 10_000);
      const byLabel = Object.fromEntries((await accounts.listTokens(ana)).map((t) => [t.label, Date.parse(t.expires!) - now]));
      assert.equal(byLabel.default, 90 * DAY);
      assert.equal(byLabel.long, 365 * DAY);
    });

    test('a new password ends the sessions and tokens of the old one', async () => {
      const ana = (await accounts.verify('ana', PW))!;
      const s = await accounts.openSession(ana);
      const t = await accounts.openSession(ana, 'token');
      await accounts.setPassword('ana', 'a different long password');
      assert.equal(await accounts.lookup(s, 'session'), null);
      assert.equal(await accounts.lookup(t, 'token'), null);
      assert.equal(await accounts.verify('ana', PW), null);
      assert.ok(await accounts.verify('ana', 'a different long password'));
    });

    test('the server logs in and lists, creates and revokes tokens over this backend', async () => {
      const app = await buildServer({ store, accounts: new Accounts(store) });
      const base = await app.listen({ host: '127.0.0.1', port: 0 });
      try {
        const login = await fetch(base + '/api/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'zed', password: 'another long password' }) });
        assert.equal(login.status, 200);
        const cookie = login.headers.get('set-cookie')!.split(';')[0];
        const made = await fetch(base + '/api/tokens', { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify({ label: 'script', days: 7 }) });
        assert.equal(made.status, 200);
        const { token, id } = await made.json();
        const bearer = { authorization: `Bearer ${token}` };
        const listed = await (await fetch(base + '/api/tokens', { headers: bearer })).json();
        assert.deepEqual(listed.items.map((t: any) => t.label), ['script']);
        assert.equal(listed.items[0].id, id);
        assert.equal((await fetch(base + '/api/tokens/' + id, { method: 'DELETE', headers: { cookie } })).status, 200);
        assert.equal((await fetch(base + '/api/me', { headers: bearer })).status, 401, 'revoked token refused');
        assert.equal((await fetch(base + '/api/tokens/' + id, { method: 'DELETE', headers: { cookie } })).status, 404);
        assert.equal((await fetch(base + '/api/tokens', { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: '{"days": 4000}' })).status, 400);
      } finally {
        await app.close();
      }
    });
  });
}

accountCases('SQLite', async () => openStore(':memory:'));
accountCases('PostgreSQL', async () => openStore(freshUrl()), skipNoPg);
after(dropSchemas);

test('password rules: 10 characters, at most 72 bytes, not only digits, not one repeated pattern, not the user name', () => {
  for (const bad of ['12345678', '1234567890', 'short', 'aaaaaaaaaaaa', 'abababababab', 'x'.repeat(73), 'é'.repeat(37), 'ana-2024-secret']) assert.ok(passwordProblem(bad, 'ana'), bad);
  for (const good of [PW, 'viewer password', 'Tr0ub4dor&3x', 'é'.repeat(10) + 'abcde']) assert.equal(passwordProblem(good, 'ana'), null, good);
  assert.match(passwordProblem('é'.repeat(37), 'ana')!, /72 bytes/, '74 bytes of UTF-8 are refused, not cut');
});

test('an unknown user name costs the same bcrypt work as a known one', async () => {
  const store = openStore(':memory:');
  const accounts = new Accounts(store);
  await accounts.create('known', PW);
  await accounts.verify('nobody', 'x'); // the dummy hash is made on first need
  const time = async (name: string) => {
    let best = Infinity;
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      await accounts.verify(name, 'wrong password');
      best = Math.min(best, performance.now() - t);
    }
    return best;
  };
  const known = await time('known');
  const unknown = await time('nobody');
  await store.close();
  assert.ok(unknown > known * 0.5 && unknown < known * 2, `known ${known.toFixed(1)} ms, unknown ${unknown.toFixed(1)} ms`);
});

describe('login back-off per account', () => {
  let store: Store;
  let accounts: Accounts;
  let base: string;
  let app: Awaited<ReturnType<typeof buildServer>>;
  let evaluated = 0;
  // The back-off's clock stands still unless a test moves it: how long a guess takes on a loaded
  // machine must not decide how many are evaluated.
  let clock = 1_000_000;
  const login = (username: string, password: string) =>
    fetch(base + '/api/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });

  before(async () => {
    store = openStore(':memory:');
    accounts = new Accounts(store, { backoff: { free: 5, baseMs: 400, maxMs: 2000, now: () => clock } });
    await accounts.create('target', PW);
    await accounts.create('bystander', 'quiet observer pass');
    const verify = accounts.verify.bind(accounts);
    accounts.verify = async (u, p) => {
      evaluated++;
      return verify(u, p);
    };
    app = await buildServer({ store, accounts });
    base = await app.listen({ host: '127.0.0.1', port: 0 });
  });
  after(async () => {
    await app?.close();
    await store?.close();
  });

  test('40 concurrent wrong guesses: at most the free attempts are evaluated, the rest wait', async () => {
    evaluated = 0;
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => login('target', 'guess number ' + i)));
    const statuses = answers.map((r) => r.status);
    const refused = statuses.filter((s) => s === 429).length;
    console.log(`40 concurrent guesses: ${evaluated} evaluated, ${refused} told to wait`);
    assert.ok(evaluated <= accounts.backoff.free, `${evaluated} guesses evaluated`);
    assert.equal(statuses.filter((s) => s === 401).length, evaluated);
    assert.equal(refused, 40 - evaluated);
    assert.ok(Number(answers.find((r) => r.status === 429)!.headers.get('retry-after')) >= 1);
    // Another account is not held back by guesses at this one.
    assert.equal((await login('bystander', 'quiet observer pass')).status, 200);
  });

  test('the account is delayed, not locked: after the wait a correct password from a fresh client logs in', async () => {
    assert.equal((await login('target', PW)).status, 429, 'still backing off');
    clock += accounts.backoff.delay(accounts.backoff.free) + 100;
    const ok = await login('target', PW);
    assert.equal(ok.status, 200);
    assert.match(ok.headers.get('set-cookie')!, /sitrep_session=/);
    // A success starts the account afresh: the free attempts are back.
    evaluated = 0;
    for (let i = 0; i < 3; i++) assert.equal((await login('target', 'wrong again ' + i)).status, 401);
    assert.equal((await login('target', PW)).status, 200);
  });

  test('the wait doubles with each further failure, up to the cap', () => {
    const b = accounts.backoff;
    assert.deepEqual([4, 5, 6, 7, 8, 20].map((n) => b.delay(n)), [0, 400, 800, 1600, 2000, 2000]);
  });
});

describe('error answers', () => {
  let store: Store;
  let app: Awaited<ReturnType<typeof buildServer>>;
  let cookie = '';
  before(async () => {
    store = openStore(':memory:');
    await seed(store, corpus(3, { perDoc: 1 }));
    const accounts = new Accounts(store);
    await accounts.create('ana', PW);
    app = await buildServer({ store, accounts });
    const r = await app.inject({ method: 'POST', url: '/api/login', payload: { username: 'ana', password: PW } });
    cookie = String(r.headers['set-cookie']).split(';')[0];
  });
  after(async () => {
    await app?.close();
    await store?.close();
  });

  test('a fault inside the store is a 500 with a request id and none of its text', async () => {
    const stats = store.stats.bind(store);
    store.stats = async () => {
      throw new Error('SQLITE_CORRUPT: /srv/secret/path/sitrep.db page 7');
    };
    try {
      const r = await app.inject({ method: 'GET', url: '/api/stats' });
      assert.equal(r.statusCode, 500);
      const body = r.json();
      assert.ok(!r.body.includes('SQLITE') && !r.body.includes('/srv/secret'), r.body);
      assert.equal(body.error, 'internal');
      assert.ok(body.requestId, 'a request id to find the log line by');
      assert.ok(body.message.includes(body.requestId));
    } finally {
      store.stats = stats;
    }
  });

  test('store errors are answered by their code, not their wording', async () => {
    const patch = await app.inject({ method: 'POST', url: '/api/events/no-such-event/accept', headers: { cookie }, payload: {} });
    assert.equal(patch.statusCode, 404, patch.body);
    assert.equal(patch.json().error, 'not_found');
    const cursor = await app.inject({ method: 'GET', url: '/api/changes?since=abc' });
    assert.equal(cursor.statusCode, 400, cursor.body);
    // A plain error that happens to read like a caller's mistake is still our fault.
    const stats = store.stats.bind(store);
    store.stats = async () => {
      throw new Error('no such table: events');
    };
    try {
      const r = await app.inject({ method: 'GET', url: '/api/stats' });
      assert.equal(r.statusCode, 500);
      assert.ok(!r.body.includes('no such table'));
    } finally {
      store.stats = stats;
    }
  });
});

describe('sitrep serve --db postgres://...', { skip: skipNoPg }, () => {
  test('adds a user and serves with accounts in PostgreSQL', async () => {
    const BIN = join(ROOT, 'bin/sitrep.js');
    const url = freshUrl();
    const dir = tempDir('sitrep-serve-pg-');
    try {
      const add = spawnSync(process.execPath, [BIN, 'serve', '--db', url, '--add-user', 'ana'], { cwd: dir, env: { ...process.env, SITREP_PASSWORD: PW }, encoding: 'utf8' });
      assert.equal(add.status, 0, add.stderr);
      assert.match(add.stderr, /created analyst 'ana'/);
      const child = spawn(process.execPath, [BIN, 'serve', '--db', url, '--port', '0'], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
      try {
        const base = await new Promise<string>((resolve, reject) => {
          let err = '';
          child.stderr.on('data', (b) => {
            err += b;
            const m = /(http:\/\/127\.0\.0\.1:\d+)\//.exec(err);
            if (m) resolve(m[1]);
          });
          child.on('exit', (c) => reject(new Error(`serve exited ${c}: ${err}`)));
          setTimeout(() => reject(new Error('serve did not start: ' + err)), 20_000);
        });
        assert.equal((await (await fetch(base + '/api/health')).json()).backend, 'postgres');
        const login = await fetch(base + '/api/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'ana', password: PW }) });
        assert.equal(login.status, 200);
      } finally {
        child.kill('SIGTERM');
        await new Promise((r) => child.once('exit', r));
      }
      const files = spawnSync('ls', ['-A', dir], { encoding: 'utf8' }).stdout.trim();
      assert.equal(files, '', 'no SQLite file made beside the URL');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
