import { existsSync, mkdtempSync } from 'node:fs';
import type { ConflictEvent } from '../src/doc.ts';
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

/** A machine event with empty defaults (no date, place, actors or figures); tests set what they check. */
export function makeEvent(p: Partial<ConflictEvent> = {}): ConflictEvent {
  return {
    id: 'e',
    type: 'Battles',
    subtype: 'Armed clash',
    date: null,
    location: null,
    actors: [],
    fatalities: null,
    counts: { killed: null, injured: null, detained: null, strikes: null, operations: null },
    modality: 'asserted',
    attribution: null,
    evidence: [],
    ...p,
  };
}
