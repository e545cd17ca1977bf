// The catalogue API, with its GET responses cached in Redis.
//   GET   /products/:id      public, tagged product:<id>
//   GET   /products          public list (?category=&sort=id|name|price&limit=1..100), tagged products
//   GET   /me/orders         the caller's orders (Authorization: Bearer <token>), cached per user
//   PATCH /products/:id      { name?, category?, price? }  commits, then invalidates product:<id> and products
//   POST  /products          { name, category, price }     commits, then invalidates products
import express, { type ErrorRequestHandler, type Express } from 'express';
import type { ResponseCache } from './cache.js';
import type { ListFilter, NewProduct, ProductPatch, Store } from './store.js';

export interface AppOptions {
  store: Store;
  cache: ResponseCache;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export function createApp({ store, cache }: AppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(express.json({ limit: '10kb' }));

  // Who is calling: a bearer token becomes res.locals.userId, which the 'user' cache scope keys on.
  app.use(async (req, res, next) => {
    const m = /^Bearer ([A-Za-z0-9._-]{1,200})$/.exec(req.get('authorization') ?? '');
    res.locals.userId = m ? await store.userForToken(m[1]!) : undefined;
    next();
  });

  app.get('/products/:id', cache.route({ tags: (req) => [`product:${String(req.params.id)}`] }), async (req, res) => {
    const product = await store.getProduct(String(req.params.id));
    if (!product) throw new HttpError(404, `product ${String(req.params.id)} not found`);
    res.json(product);
  });

  app.get('/products', cache.route({ tags: () => ['products'] }), async (req, res) => {
    res.json(await store.listProducts(listFilter(req.query)));
  });

  app.get('/me/orders', cache.route({ scope: 'user', tags: (_req, res) => [`orders:${String(res.locals.userId)}`] }), async (_req, res) => {
    const userId = res.locals.userId as string | undefined;
    if (!userId) throw new HttpError(401, 'sign in: Authorization: Bearer <token>');
    // private: no shared HTTP cache may keep it. Our Redis entry is keyed by the user, so it may.
    res.set('Cache-Control', 'private, max-age=0').json(await store.ordersOf(userId));
  });

  app.patch('/products/:id', async (req, res) => {
    const id = String(req.params.id);
    const updated = await store.updateProduct(id, productPatch(req.body)); // 1. commit
    if (!updated) throw new HttpError(404, `product ${id} not found`);
    // 2. only now invalidate: before the commit, a reader could re-cache the old row under the new versions.
    await cache.invalidate([`product:${id}`, 'products']);
    res.json(updated);
  });

  app.post('/products', async (req, res) => {
    const created = await store.createProduct(newProduct(req.body));
    await cache.invalidate(['products']);
    res.status(201).json(created);
  });

  app.use((req, _res, next) => next(new HttpError(404, `no route for ${req.method} ${req.path}`)));
  app.use(errorHandler);
  return app;
}

const errorHandler: ErrorRequestHandler = (err, _req, res, next) => {
  if (res.headersSent) return next(err);
  const status = err instanceof HttpError ? err.status : typeof err?.status === 'number' && typeof err?.expose === 'boolean' && err.status < 500 ? (err.status as number) : 500;
  if (status >= 500) console.error(err);
  res.status(status).json({ error: status >= 500 ? 'internal error' : String(err.message) });
};

const SORTS = new Set(['id', 'name', 'price']);

function listFilter(query: Record<string, unknown>): ListFilter {
  const { category, sort = 'id', limit = '20' } = query;
  if (category !== undefined && (typeof category !== 'string' || category.length < 1 || category.length > 50)) {
    throw new HttpError(400, 'category must be a string of 1 to 50 characters');
  }
  if (typeof sort !== 'string' || !SORTS.has(sort)) throw new HttpError(400, 'sort must be id, name or price');
  const n = typeof limit === 'string' && /^\d{1,3}$/.test(limit) ? Number(limit) : NaN;
  if (!(n >= 1 && n <= 100)) throw new HttpError(400, 'limit must be an integer from 1 to 100');
  return { ...(category === undefined ? {} : { category }), sort: sort as ListFilter['sort'], limit: n };
}

function fields(body: unknown, required: boolean): ProductPatch {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new HttpError(400, 'the body must be a JSON object');
  const b = body as Record<string, unknown>;
  const unknown = Object.keys(b).filter((k) => !['name', 'category', 'price'].includes(k));
  if (unknown.length) throw new HttpError(400, `unknown field(s): ${unknown.join(', ')}`);
  const out: ProductPatch = {};
  const text = (k: 'name' | 'category', max: number) => {
    const v = b[k];
    if (v === undefined) return;
    if (typeof v !== 'string' || v.trim().length < 1 || v.trim().length > max) throw new HttpError(400, `${k} must be a string of 1 to ${max} characters`);
    out[k] = v.trim();
  };
  text('name', 100);
  text('category', 50);
  if (b.price !== undefined) {
    if (!Number.isSafeInteger(b.price) || (b.price as number) < 0) throw new HttpError(400, 'price must be a non-negative integer (cents)');
    out.price = b.price as number;
  }
  if (required && (out.name === undefined || out.category === undefined || out.price === undefined)) {
    throw new HttpError(400, 'name, category and price are required');
  }
  if (Object.keys(out).length === 0) throw new HttpError(400, 'nothing to change');
  return out;
}

const productPatch = (body: unknown): ProductPatch => fields(body, false);
const newProduct = (body: unknown): NewProduct => fields(body, true) as NewProduct;
