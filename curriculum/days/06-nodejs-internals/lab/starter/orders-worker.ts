// The import worker: parses and summarizes order bodies on its own thread, so that a multi-MB
// JSON.parse never runs on the server's event loop. Started once by createOrdersImporter().
import { parentPort } from 'node:worker_threads';
import { summarizeOrders, type ImportSummary } from './orders.js';

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

// TODO: listen on parentPort for ImportJob messages; for each, decode the bytes, JSON.parse them,
// summarizeOrders() the result and post back only the small summary (or a 'failed' message that
// says whether the body was invalid). Post { type: 'ready' } once loaded.
void parentPort;
void summarizeOrders;
