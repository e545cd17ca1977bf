import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Worker } from 'node:worker_threads';
import { InvalidOrdersError, type ImportSummary, type Order } from './orders.js';
import type { ImportJob, WorkerMessage } from './orders-worker.js';
import { startWorker } from './start-worker.js';

export interface OrdersImporter {
  /** Resolves once the importer can take work (its worker has loaded); rejects if it cannot start. */
  readonly ready: Promise<void>;
  /**
   * Parses `body` (UTF-8 JSON) and summarizes it, without blocking the event loop. Rejects with
   * InvalidOrdersError when the body is not JSON or not an array of orders.
   */
  importOrders(body: Buffer): Promise<ImportSummary>;
  /** Stops the worker; pending imports reject. */
  close(): Promise<void>;
}

interface Pending {
  resolve: (summary: ImportSummary) => void;
  reject: (err: Error) => void;
}

/** An importer backed by one long-lived worker thread, restarted if it dies. */
export function createOrdersImporter(): OrdersImporter {
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let closed = false;
  let worker: Worker;
  let ready: Promise<void>;

  const start = () => {
    const w = startWorker(new URL('./orders-worker.ts', import.meta.url));
    worker = w;
    let loaded = false;
    ready = new Promise<void>((resolve, reject) => {
      w.on('message', (m: WorkerMessage) => {
        if (m.type === 'ready') {
          loaded = true;
          return resolve();
        }
        const job = pending.get(m.id);
        if (!job) return;
        pending.delete(m.id);
        if (m.type === 'done') job.resolve(m.summary);
        else job.reject(m.invalid ? new InvalidOrdersError(m.message) : new Error(m.message));
      });
      w.once('error', reject);
      w.once('exit', (code) => {
        reject(new Error(`the import worker exited with code ${code} before it was ready`));
        // Every job the dead worker held is lost: fail them. A worker that had loaded is replaced;
        // one that never loaded would only fail again, so `ready` stays rejected.
        const err = new Error(closed ? 'the importer was closed' : `the import worker stopped (exit code ${code})`);
        for (const job of pending.values()) job.reject(err);
        pending.clear();
        if (!closed && loaded) start();
      });
    });
    ready.catch(() => {}); // observed by importOrders / the caller of `ready`
  };
  start();

  return {
    get ready() {
      return ready;
    },
    async importOrders(body) {
      if (closed) throw new Error('the importer was closed');
      await ready;
      // Transfer the bytes instead of copying them, but never a slice of Node's shared buffer pool:
      // transferring that would detach the memory under every other small Buffer in the process.
      const own = body.byteOffset === 0 && body.byteLength === body.buffer.byteLength;
      const bytes = own ? new Uint8Array(body.buffer, 0, body.byteLength) : new Uint8Array(body);
      const id = nextId++;
      return new Promise<ImportSummary>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker.postMessage({ id, body: bytes } satisfies ImportJob, [bytes.buffer as ArrayBuffer]);
      });
    },
    async close() {
      closed = true;
      await worker.terminate();
    },
  };
}

/** Orders per slice in writeOrdersJson: about a millisecond of JSON.stringify per turn of the loop. */
export const EXPORT_CHUNK_SIZE = 250;

export interface ExportOptions {
  /** Orders stringified per turn of the event loop (default EXPORT_CHUNK_SIZE). */
  chunkSize?: number;
  /** Stops the export (e.g. the client went away); the promise rejects with the reason. */
  signal?: AbortSignal;
}

/**
 * Writes `orders` to `out` as one JSON array, `chunkSize` orders at a time, yielding to the event
 * loop with setImmediate between slices and waiting for 'drain' when `out` is full. Ends `out`.
 */
export async function writeOrdersJson(out: Writable, orders: readonly Order[], options: ExportOptions = {}): Promise<void> {
  const { chunkSize = EXPORT_CHUNK_SIZE, signal } = options;
  if (!Number.isSafeInteger(chunkSize) || chunkSize < 1) throw new RangeError(`chunkSize must be a positive integer, got ${chunkSize}`);
  signal?.throwIfAborted();
  out.write('[');
  for (let i = 0; i < orders.length; i += chunkSize) {
    if (i > 0) await nextTurn(undefined, { signal });
    const json = JSON.stringify(orders.slice(i, i + chunkSize));
    const piece = (i > 0 ? ',' : '') + json.slice(1, -1);
    if (!out.write(piece)) await once(out, 'drain', { signal });
  }
  out.end(']');
}
