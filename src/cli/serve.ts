import { parseArgs } from 'node:util';
import { createInterface } from 'node:readline';
import type { Command } from './main.ts';
import { openStore, defaultDbPath } from '../store/index.ts';
import { Accounts } from '../server/accounts.ts';
import { buildServer } from '../server/app.ts';

/**
 * `sitrep serve`: the REST API and the dashboard over a store (SQLite file or PostgreSQL URL).
 * Accounts live in the same database (tables web_*, through the store's interface). `--add-user NAME` creates an analyst account and `--set-password NAME`
 * changes one (password from $SITREP_PASSWORD or one line of standard input), then exit.
 */
export const command: Command = {
  summary: 'Serve the REST API (/api, OpenAPI at /api/openapi.json) and the analyst dashboard.',
  usage:
    'sitrep serve [--db FILE] [--port 8080] [--host 127.0.0.1] [--closed] [--secure-cookie]\n' +
    '       sitrep serve [--db FILE] --add-user NAME [--role analyst|admin|viewer]   (password: $SITREP_PASSWORD or stdin)\n' +
    '       sitrep serve [--db FILE] --set-password NAME',
  async run(args) {
    const { values } = parseArgs({
      args,
      options: {
        db: { type: 'string' },
        port: { type: 'string', default: process.env.PORT ?? '8080' },
        host: { type: 'string', default: '127.0.0.1' },
        closed: { type: 'boolean', default: false },
        'secure-cookie': { type: 'boolean', default: false },
        'add-user': { type: 'string' },
        'set-password': { type: 'string' },
        role: { type: 'string', default: 'analyst' },
        log: { type: 'boolean', default: false },
      },
    });
    const port = Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0-65535, not ${values.port}`);
    const dbPath = values.db ?? defaultDbPath();
    const shown = redactUrl(dbPath);
    const store = openStore(dbPath);
    const accounts = new Accounts(store);

    if (values['add-user']) {
      const role = values.role as 'analyst' | 'admin' | 'viewer';
      if (!['analyst', 'admin', 'viewer'].includes(role)) throw new Error('--role must be analyst, admin or viewer');
      const password = process.env.SITREP_PASSWORD || (await readLine('password: '));
      const user = await accounts.create(values['add-user'], password, role).finally(() => store.close().catch(() => {}));
      process.stderr.write(`sitrep serve: created ${user.role} '${user.username}' in ${shown}\n`);
      return 0;
    }

    if (values['set-password']) {
      const password = process.env.SITREP_PASSWORD || (await readLine('new password: '));
      await accounts.setPassword(values['set-password'], password).finally(() => store.close().catch(() => {}));
      process.stderr.write(`sitrep serve: new password for '${values['set-password']}'; their sessions and tokens are ended\n`);
      return 0;
    }

    const app = await buildServer({ store, accounts, readOpen: !values.closed, secureCookie: values['secure-cookie'], logger: values.log });
    const address = await app.listen({ port, host: values.host });
    process.stderr.write(`sitrep serve: ${address}/ (API ${address}/api/openapi.json), store ${shown}, reading ${values.closed ? 'needs login' : 'open'}\n`);
    if (!(await accounts.count())) process.stderr.write(`sitrep serve: no accounts yet; create one with: sitrep serve --db ${shown} --add-user NAME\n`);
    const stop = async () => {
      await app.close();
      await store.close();
      process.exit(0);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    await new Promise(() => {});
    return 0;
  },
};

async function readLine(prompt: string): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write(prompt);
  const rl = createInterface({ input: process.stdin });
  for await (const line of rl) {
    rl.close();
    return line;
  }
  throw new Error('no password given (set SITREP_PASSWORD or pipe one line)');
}

/** A database URL fit for a log line: without its password. */
function redactUrl(spec: string): string {
  try {
    const u = new URL(spec);
    if (u.password) u.password = '***';
    return /^[a-z]+:\/\//i.test(spec) ? u.toString() : spec;
  } catch {
    return spec;
  }
}
