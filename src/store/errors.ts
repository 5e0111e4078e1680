/**
 * A caller's mistake reported by a store (unknown id, bad cursor, impossible review action,
 * taken user name). The `code` says which kind, so the REST API can answer with the right status
 * (see `httpStatusOf`) without reading the message; any other error a store throws is a fault of
 * the store itself (a bug, a lost connection) and is answered 500 without its text.
 */
export type StoreErrorCode = 'not_found' | 'bad_request' | 'conflict';

export class StoreError extends Error {
  constructor(
    readonly code: StoreErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'StoreError';
  }
}

const STATUS: Record<StoreErrorCode, number> = { not_found: 404, bad_request: 400, conflict: 409 };

/** The HTTP status for a store error's code. */
export function httpStatusOf(e: StoreError): number {
  return STATUS[e.code] ?? 400;
}

export function isStoreError(e: unknown): e is StoreError {
  return e instanceof StoreError;
}
