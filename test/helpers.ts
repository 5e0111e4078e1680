import { existsSync, mkdtempSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** ../shared beside the checkout: tests that need it skip cleanly when it is absent. */
export const SHARED = resolve(ROOT, '../shared');
export const HAS_SHARED = existsSync(join(SHARED, 'CONTRACT.md'));
export const SEEDS = join(SHARED, 'corpus/seeds');
export const DEV = join(SHARED, 'dev');
export const skipNoShared = HAS_SHARED ? false : 'needs ../shared (absent here)';

export function tempDir(prefix = 'sitrep-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}
