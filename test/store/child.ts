import { spawn, type ChildProcess } from 'node:child_process';
import { ROOT } from '../helpers.ts';

/**
 * Crash tests' ingesting child processes (ingest-child.ts, pg-ingest-child.ts): they print
 * "ok N STATUS" after each committed document. A child is run with tsx, its output collected.
 */
export interface Child {
  child: ChildProcess;
  /** The exit code, -1 when a signal ended it. */
  done: Promise<number | null>;
  out: () => string;
  err: () => string;
}

export function startChild(script: string, args: Array<string | number>): Child {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args.map(String)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (err += d));
  const done = new Promise<number | null>((res) => child.on('exit', (code, sig) => res(sig ? -1 : code)));
  return { child, done, out: () => out, err: () => err };
}

/** How many documents the child reported committed. */
export function countCommitted(c: Child): number {
  return c.out().split('\n').filter((l) => l.startsWith('ok ')).length;
}

/** The status of each document the child reported, in order. */
export function statusesOf(c: Child): string[] {
  return c.out().trim().split('\n').map((l) => l.split(' ')[2]);
}

/** SIGKILL the child once `n` documents are committed and it is busy writing more; rejects if it ends first. */
export function killAfter(c: Child, n: number): Promise<void> {
  return new Promise<void>((res, rej) => {
    const timer = setInterval(() => {
      if (countCommitted(c) >= n) {
        clearInterval(timer);
        c.child.kill('SIGKILL');
        res();
      }
    }, 5);
    c.done.then((code) => (clearInterval(timer), code !== -1 ? rej(new Error(`child ended before the kill: ${code} ${c.err()}`)) : undefined));
  });
}
