import { isAbsolute, relative } from 'node:path';
import type { ReadItem } from './index.ts';

/**
 * How a local file is named in the store, and so in every API answer and dashboard page: as the
 * user gave it when relative, and relative to the working directory of the command when given
 * absolute (`/srv/data/dev/fakes.jsonl` from /srv/data is `dev/fakes.jsonl`). The server must not
 * show where its files live; the path as it would be typed from where `sitrep ingest` ran says as
 * much as the user needs.
 *
 * The source is also the key that makes a changed file a new version of the same document. The
 * same file given absolute or relative from the same directory now gets one key (before, two).
 * Given from another directory it gets another key, as a relative path always did: unchanged bytes
 * are still recognised (the store keys documents by content first), a changed file then becomes a
 * new document instead of a new version. Keeping the absolute path as a hidden second key would
 * avoid that, at the price of a second identity column in every store; not worth it for a rare case.
 */
export function storedSource(path: string, cwd = process.cwd()): string {
  if (path === '-' || !isAbsolute(path)) return path;
  return relative(cwd, path) || '.';
}

/**
 * An item read from `path` with its source (and any mention of the path in an error message)
 * renamed to `label`: `path#12` becomes `label#12`; a source of another origin (a feed item's
 * link, a WARC record's URL) is left as it is.
 */
export function relabel(item: ReadItem, path: string, label: string): ReadItem {
  if (label === path) return item;
  if (item.source === path || item.source.startsWith(path + '#')) item.source = label + item.source.slice(path.length);
  if ('error' in item && !('meta' in item) && item.error.message.includes(path)) item.error.message = item.error.message.split(path).join(label);
  return item;
}

/**
 * The command line recorded with an ingest run (shown by /api/runs): the input paths as they are
 * stored, and no `--db` value (a server's file path, or a PostgreSQL URL that may hold a password).
 */
export function runCommand(name: string, args: string[], paths: string[]): string {
  const out: string[] = [name];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--db') i++;
    else if (a.startsWith('--db=')) continue;
    else out.push(paths.includes(a) ? storedSource(a) : a);
  }
  return out.join(' ');
}
