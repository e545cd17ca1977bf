import { createHash, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { HttpError } from './problem.js';

/** What the browser may do with our pages: our own scripts only, no framing, no referrer. */
export const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': "default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

export function securityHeaders(_req: Request, res: Response, next: NextFunction): void {
  for (const [k, v] of Object.entries(SECURITY_HEADERS)) res.setHeader(k, v);
  next();
}

/**
 * DNS-rebinding defence: a page on evil.example that rebinds its name to 127.0.0.1 still sends
 * `Host: evil.example`, so only our own loopback names with our port are served.
 */
export function hostCheck(port: () => number) {
  return (req: Request, _res: Response, next: NextFunction) => {
    const host = req.headers.host ?? '';
    const p = port();
    if (host !== `127.0.0.1:${p}` && host !== `localhost:${p}`) throw new HttpError(421, 'Misdirected Request', `This server answers only to 127.0.0.1:${p} or localhost:${p}, not "${host}".`);
    next();
  };
}

const digest = (s: string) => createHash('sha256').update(s).digest();

/** The per-run token, from `Authorization: Bearer …` or `?token=…`, compared in constant time. */
export function tokenCheck(token: string) {
  const expected = digest(token);
  return (req: Request, res: Response, next: NextFunction) => {
    const auth = req.headers.authorization;
    const given = auth?.startsWith('Bearer ') ? auth.slice(7).trim() : typeof req.query.token === 'string' ? req.query.token : undefined;
    if (given === undefined || !timingSafeEqual(digest(given), expected)) {
      res.setHeader('WWW-Authenticate', 'Bearer');
      throw new HttpError(401, 'Unauthorized', given === undefined ? 'This API needs the token printed by `nodeprep ui`: send Authorization: Bearer <token>.' : 'Wrong token: use the one `nodeprep ui` printed for this run.');
    }
    next();
  };
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Cross-site request defence: a state-changing request must come from our own origin (the Host it was sent to). */
export function originCheck(req: Request, _res: Response, next: NextFunction): void {
  if (SAFE.has(req.method)) return next();
  const origin = req.headers.origin;
  if (origin !== `http://${req.headers.host}`) throw new HttpError(403, 'Forbidden', `${req.method} requests must come from http://${req.headers.host} (Origin was ${origin ? `"${origin}"` : 'missing'}).`);
  next();
}
