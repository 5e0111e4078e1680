import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { rmSync } from 'node:fs';
import { ROOT, tempDir } from '../helpers.ts';

/** `sitrep serve` as a user runs it: create an account, start on a free port, log in, stop. */
const BIN = join(ROOT, 'bin/sitrep.js');

test('sitrep serve --add-user, then serve on a free port: health, login, static app, clean stop', async () => {
  const dir = tempDir('sitrep-serve-');
  const db = join(dir, 's.db');
  try {
    const add = spawnSync(process.execPath, [BIN, 'serve', '--db', db, '--add-user', 'ana'], { env: { ...process.env, SITREP_PASSWORD: 'long enough password' }, encoding: 'utf8' });
    assert.equal(add.status, 0, add.stderr);
    assert.match(add.stderr, /created analyst 'ana'/);
    const short = spawnSync(process.execPath, [BIN, 'serve', '--db', db, '--add-user', 'bob'], { env: { ...process.env, SITREP_PASSWORD: 'short' }, encoding: 'utf8' });
    assert.notEqual(short.status, 0);
    assert.match(short.stderr, /at least 10/);
    assert.equal(spawnSync(process.execPath, [BIN, 'serve', '--port', 'x'], { encoding: 'utf8' }).status, 2);
    const pw = spawnSync(process.execPath, [BIN, 'serve', '--db', db, '--set-password', 'ana'], { input: 'long enough password\n', env: { ...process.env, SITREP_PASSWORD: '' }, encoding: 'utf8' });
    assert.equal(pw.status, 0, 'password read from stdin: ' + pw.stderr);
    assert.match(pw.stderr, /sessions and tokens are ended/);
    const pw2 = spawnSync(process.execPath, [BIN, 'serve', '--db', db, '--set-password', 'nobody'], { env: { ...process.env, SITREP_PASSWORD: 'long enough password' }, encoding: 'utf8' });
    assert.match(pw2.stderr, /no such user/);

    const child = spawn(process.execPath, [BIN, 'serve', '--db', db, '--port', '0'], { stdio: ['ignore', 'ignore', 'pipe'] });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let err = '';
        child.stderr.on('data', (b) => {
          err += b;
          const m = /(http:\/\/127\.0\.0\.1:\d+)\//.exec(err);
          if (m) resolve(m[1]);
        });
        child.on('exit', (c) => reject(new Error(`serve exited ${c}: ${err}`)));
        setTimeout(() => reject(new Error('serve did not start: ' + err)), 20_000);
      });
      assert.equal((await (await fetch(url + '/api/health')).json()).ok, true);
      const login = await fetch(url + '/api/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'ana', password: 'long enough password' }) });
      assert.equal(login.status, 200);
      const html = await (await fetch(url + '/')).text();
      assert.match(html, /<script type="module" src="\/js\/app.js">/);
      const js = await fetch(url + '/js/app.js');
      assert.match(js.headers.get('content-type')!, /javascript/);
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
