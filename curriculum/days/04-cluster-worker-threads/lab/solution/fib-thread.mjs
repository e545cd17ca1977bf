// @ts-check
// Given: the script each worker thread of the CPU pool runs. It is plain JavaScript on purpose:
// on Node 20, tsx's loader hooks are not inherited by worker threads, so a thread cannot load a .ts
// file (in a compiled project you would point the pool at the emitted .js file instead).
//
// Protocol: every message is a task (a number n); the thread answers each with exactly one message,
// { n, fib, thread }. An exception ends the thread (the pool sees an 'error' event).
import { parentPort, threadId } from 'node:worker_threads';

/**
 * Deliberately slow, naive recursive Fibonacci: about 1.6x the work for each step of n.
 * @param {number} n
 * @returns {number}
 */
export function fib(n) {
  return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

if (!parentPort) throw new Error('fib-thread.mjs must run as a worker thread');
const port = parentPort;
port.on('message', (/** @type {number} */ n) => {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`fib needs a non-negative integer, got ${n}`);
  port.postMessage({ n, fib: fib(n), thread: threadId });
});
