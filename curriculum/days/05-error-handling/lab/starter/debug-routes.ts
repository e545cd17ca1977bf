// Debug routes the checks use to misbehave on purpose. Given code: do not edit or remove it.
// server.ts mounts them (through createApp's `routes` option) only when DEBUG_ROUTES=1.
import type { Router } from 'express';

export function debugRoutes(router: Router): void {
  /** An in-flight request a test can see: sends "started\n" at once, then "done\n" after ?ms= (default 1000). */
  router.get('/debug/slow', (req, res) => {
    const ms = Math.min(Number(req.query.ms) || 1000, 60_000);
    res.type('text/plain');
    res.write('started\n');
    const timer = setTimeout(() => res.end('done\n'), ms);
    res.once('close', () => clearTimeout(timer));
  });

  /** A programmer error outside any request: a throw from a timer, on a later tick. */
  router.post('/debug/crash', (_req, res) => {
    setTimeout(() => {
      throw new Error('debug: thrown from a timer, outside any request');
    }, 20);
    res.status(202).json({ scheduled: 'uncaughtException' });
  });

  /** A floating promise: rejects on a later tick with nothing attached to it. */
  router.post('/debug/reject', (_req, res) => {
    setTimeout(() => {
      void Promise.reject(new Error('debug: a rejection nobody handles'));
    }, 20);
    res.status(202).json({ scheduled: 'unhandledRejection' });
  });
}
