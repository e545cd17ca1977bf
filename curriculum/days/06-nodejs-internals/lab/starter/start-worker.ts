// Given: starts a worker thread from a module of this lab. You do not need to change this file.
import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * `new Worker(entry, options)`, except that a TypeScript entry is started through
 * `ts-worker-shim.mjs`. Under `node --import tsx` on Node 20, tsx registers its loader in the main
 * thread only, so `new Worker(new URL('./x.ts', import.meta.url))` fails there with
 * ERR_UNKNOWN_FILE_EXTENSION. Compiled `.js` entries start directly. Loading tsx in the worker
 * takes a moment (up to a few seconds on a busy machine): start a worker once, not per request.
 */
export function startWorker(entry: URL, options: WorkerOptions = {}): Worker {
  if (!entry.pathname.endsWith('.ts')) return new Worker(entry, options);
  const shim = new URL('./ts-worker-shim.mjs', import.meta.url);
  return new Worker(shim, { ...options, argv: [entry.href, ...(options.argv ?? [])] });
}
