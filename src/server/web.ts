import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import express, { Router, type NextFunction, type Request, type Response } from 'express';
import { HttpError } from './problem.js';

/** Vite puts a content hash in every asset's name: a changed file gets a new name, so it may be cached for good. */
const ASSET_MAX_AGE_MS = 365 * 24 * 60 * 60 * 1000;
/** Other files of the build (favicon, manifest): names without a hash, so only briefly. */
const FILE_MAX_AGE_MS = 10 * 60 * 1000;

const isApi = (path: string) => path === '/api' || path.startsWith('/api/');

/** A browser navigating to one of the app's pages (/, /plan, /days/3 …): answered with index.html. */
const isPage = (req: Request) => (req.method === 'GET' || req.method === 'HEAD') && !isApi(req.path) && (req.path === '/' || !!req.accepts('html'));

/**
 * The built single-page app in `webDir`: hashed assets cached for a year, other files briefly, and
 * index.html (never cached) for every page address. While `webDir` has no index.html, a page
 * request gets a 503 that says how to build it. Mounted after the Host check and the API.
 */
export function webApp(webDir: string | undefined): Router {
  const r = Router();
  // Checked per request: `npm run build` while the server runs makes the app appear without a restart.
  const built = () => webDir !== undefined && existsSync(join(webDir, 'index.html'));

  r.use((req: Request, _res: Response, next: NextFunction) => {
    if (built()) return next();
    if (isPage(req)) throw new HttpError(503, 'Service Unavailable', 'The web app is not built: run `npm run build`.');
    next('router');
  });
  if (webDir === undefined) return r;

  r.use('/assets', express.static(join(webDir, 'assets'), { immutable: true, maxAge: ASSET_MAX_AGE_MS, index: false, redirect: false }));
  // A missing asset is a 404, never index.html (a stale page asking for an old hash must not get HTML as script).
  r.use('/assets', (req: Request) => {
    throw new HttpError(404, 'Not Found', `There is no asset ${req.originalUrl.split('?')[0]}: reload the page to get the current build.`);
  });
  r.use(
    express.static(webDir, {
      maxAge: FILE_MAX_AGE_MS,
      index: false,
      redirect: false,
      setHeaders: (res, path) => {
        if (basename(path) === 'index.html') res.setHeader('Cache-Control', 'no-store');
      },
    }),
  );
  r.use((req: Request, res: Response, next: NextFunction) => {
    if (!isPage(req)) return next();
    res.setHeader('Cache-Control', 'no-store');
    res.sendFile('index.html', { root: webDir, cacheControl: false, etag: false, lastModified: false }, (err) => {
      // A client gone mid-file needs no problem answer; anything else before the headers does.
      if (err && !res.headersSent) next(err);
    });
  });
  return r;
}
