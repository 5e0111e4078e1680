import type { ErrorRecord } from '../doc.ts';

/** An input problem that becomes a per-document error record; the batch goes on. */
export class InputError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export function errorRecord(source: string, e: unknown, id?: string): ErrorRecord {
  const code = e instanceof InputError ? e.code : 'internal';
  const message = e instanceof Error ? e.message : String(e);
  return id ? { source, id, error: { code, message } } : { source, error: { code, message } };
}

export function isErrorRecord(x: unknown): x is ErrorRecord {
  return typeof x === 'object' && x !== null && 'error' in x && !('meta' in x);
}
