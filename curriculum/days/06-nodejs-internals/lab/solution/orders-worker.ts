// The import worker: parses and summarizes order bodies on its own thread, so that a multi-MB
// JSON.parse never runs on the server's event loop. Started once by createOrdersImporter().
import { parentPort } from 'node:worker_threads';
import { InvalidOrdersError, summarizeOrders, type ImportSummary } from './orders.js';

/** main → worker: one import job. */
export interface ImportJob {
  id: number;
  body: Uint8Array;
}

/** worker → main: `ready` once loaded, then one result per job. */
export type WorkerMessage =
  | { type: 'ready' }
  | { type: 'done'; id: number; summary: ImportSummary }
  | { type: 'failed'; id: number; invalid: boolean; message: string };

const port = parentPort;
if (!port) throw new Error('orders-worker.ts must run in a worker thread (see createOrdersImporter)');
const decoder = new TextDecoder('utf-8', { fatal: true });

port.on('message', ({ id, body }: ImportJob) => {
  let reply: WorkerMessage;
  try {
    // Only the small summary goes back: cloning the parsed array would block the main thread again.
    reply = { type: 'done', id, summary: summarizeOrders(JSON.parse(decoder.decode(body))) };
  } catch (err) {
    const invalid = err instanceof SyntaxError || err instanceof TypeError || err instanceof InvalidOrdersError;
    reply = { type: 'failed', id, invalid, message: err instanceof Error ? err.message : String(err) };
  }
  port.postMessage(reply);
});
port.postMessage({ type: 'ready' } satisfies WorkerMessage);
