import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDirs } from '../../test/helpers/temp-dirs.js';
import { doctor, hidePassword, nodeSupported } from './doctor.js';
import { NodeprepError } from './errors.js';
import { ProgressStore } from './progress/store.js';

const tempDir = tempDirs('nodeprep-doctor-');
/** No service URL that anything answers on: every probe misses at once. */
const nothing = { REDIS_URL: 'redis://127.0.0.1:1', DATABASE_URL: 'postgres://127.0.0.1:1', AMQP_URL: 'amqp://127.0.0.1:1', NATS_URL: 'nats://127.0.0.1:1', MONGODB_URL: 'mongodb://127.0.0.1:1' };

describe('doctor', () => {
  it.each([
    ['20.19.0', true],
    ['20.20.2', true],
    ['22.0.0', true],
    ['20.18.3', false],
    ['18.20.0', false],
  ])('Node %s supported: %s', (version, ok) => {
    expect(nodeSupported(version)).toBe(ok);
  });

  it('reports each check; a store that cannot open is a failed check with its message, not a throw', async () => {
    const home = tempDir();
    const r = await doctor({
      home,
      env: nothing,
      nodeVersion: '18.0.0',
      store: () => {
        throw new NodeprepError('STORE', 'nodeprep.db is not a SQLite database.');
      },
    });
    expect(r.node).toEqual({ version: '18.0.0', ok: false, needs: '20.19' });
    expect(r.workspace).toEqual({ dir: home, writable: true });
    expect(r.store).toEqual({ ok: false, startDate: null, error: 'nodeprep.db is not a SQLite database.' });
    expect(r.services.map((s) => [s.name, s.url, s.source])).toEqual([
      ['redis', null, null],
      ['postgres', null, null],
      ['rabbitmq', null, null],
      ['nats', null, null],
      ['mongodb', null, null],
    ]);
    expect(r.services.every((s) => s.install.length > 10)).toBe(true);
    expect(r.ok).toBe(false);
  });

  it('is ok with a supported Node, a writable workspace and a readable store', async () => {
    const home = tempDir();
    const store = ProgressStore.open(join(home, 'nodeprep.db'));
    try {
      store.setStartDate('2026-12-01');
      const r = await doctor({ home, env: nothing, nodeVersion: '20.19.0', store: () => store });
      expect(r).toMatchObject({ ok: true, store: { ok: true, startDate: '2026-12-01' } });
    } finally {
      store.close();
    }
  });

  it('hides a password in a service URL and leaves other URLs as they are', () => {
    expect(hidePassword('redis://learner:s3cret@127.0.0.1:6379')).toBe('redis://learner:***@127.0.0.1:6379');
    expect(hidePassword('postgres://postgres@127.0.0.1:5432/postgres')).toBe('postgres://postgres@127.0.0.1:5432/postgres');
    expect(hidePassword('not a url')).toBe('not a url');
  });
});
