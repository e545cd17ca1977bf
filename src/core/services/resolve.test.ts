import { describe, expect, it } from 'vitest';
import { freePort } from '../labs/testkit/_net.js';
import { acquire, probe } from './resolve.js';

describe('service discovery', () => {
  it('prefers the URL in the environment', async () => {
    const found = await probe('redis', { REDIS_URL: 'redis://127.0.0.1:6379/0' });
    expect(found).toEqual({ name: 'redis', url: 'redis://127.0.0.1:6379/0', source: 'env' });
  });

  it('reports an environment URL that does not answer, with what to do, instead of guessing', async () => {
    const port = await freePort();
    const got = await acquire(['redis'], { REDIS_URL: `redis://127.0.0.1:${port}` });
    expect(got.found).toEqual([]);
    expect(got.missing).toEqual([{ name: 'redis', install: `start the server at REDIS_URL=redis://127.0.0.1:${port}, or unset REDIS_URL to use a local one` }]);
    await got.release();
  });

  it('finds a service on its default local port', async () => {
    const found = await probe('redis', {});
    expect(found?.source).toBe('default-port');
    expect(found?.url).toBe('redis://127.0.0.1:6379');
  });

  it('names the install command for a service that is nowhere', async () => {
    const got = await acquire(['mongodb'], {});
    expect(got.missing[0]?.install).toMatch(/docker compose up -d mongodb/);
  });
});

describe('PGlite fallback', () => {
  it('serves PostgreSQL over the wire to several clients at once when allowed', async () => {
    const { startPglite } = await import('./local.js');
    const pg = (await import('pg')).default;
    const started = await startPglite();
    expect(started, 'PGlite should start').toBeDefined();
    const clients = [new pg.Client(started!.url), new pg.Client(started!.url)];
    try {
      await Promise.all(clients.map((c) => c.connect()));
      const rows = await Promise.all(clients.map((c) => c.query<{ n: number }>('SELECT 1 + 1 AS n')));
      expect(rows.map((r) => r.rows[0]!.n)).toEqual([2, 2]);
    } finally {
      await Promise.all(clients.map((c) => c.end()));
      await started!.stop();
    }
  });
});
