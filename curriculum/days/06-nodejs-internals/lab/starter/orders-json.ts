import type { Writable } from 'node:stream';
import { InvalidOrdersError, summarizeOrders, type ImportSummary, type Order } from './orders.js';

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

/** TODO: run the parse in a long-lived worker thread (orders-worker.ts, started with startWorker). */
export function createOrdersImporter(): OrdersImporter {
  return {
    ready: Promise.resolve(),
    async importOrders(body) {
      let value: unknown;
      try {
        // TODO: a multi-MB JSON.parse blocks the event loop for tens to hundreds of ms.
        value = JSON.parse(body.toString('utf8'));
      } catch (err) {
        throw new InvalidOrdersError((err as Error).message);
      }
      return summarizeOrders(value);
    },
    async close() {},
  };
}

/** Orders per slice in writeOrdersJson. TODO: pick it from a latency budget. */
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
  options.signal?.throwIfAborted();
  // TODO: one JSON.stringify of the whole array blocks the loop; partition it.
  out.end(JSON.stringify(orders));
}
