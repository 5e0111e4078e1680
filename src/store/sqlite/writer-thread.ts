import { parentPort, workerData } from 'node:worker_threads';
import { SqliteStore } from './index.ts';

/** The writer thread: owns one connection and stores documents in arrival order, one transaction each. */
const store = new SqliteStore((workerData as { path: string }).path);
const port = parentPort!;
port.on('message', async (m: { id: number; input?: any; runId?: number; close?: boolean }) => {
  if (m.close) {
    await store.close();
    port.postMessage({ id: m.id, closed: true });
    return;
  }
  try {
    port.postMessage({ id: m.id, out: await store.ingest(m.input, m.runId) });
  } catch (e) {
    port.postMessage({ id: m.id, error: (e as Error).message });
  }
});
port.postMessage({ ready: true });
