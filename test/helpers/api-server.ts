import { afterEach, beforeEach } from 'vitest';
import { loadPlan } from '../../src/core/curriculum/load.js';
import { curriculumRoot } from '../../src/core/paths.js';
import { ProgressStore } from '../../src/core/progress/store.js';
import { startServer, type Running } from '../../src/server/server.js';
import { call } from './http.js';
import { tempDirs } from './temp-dirs.js';

type Opts = Parameters<typeof call>[3];

/**
 * A real API server per test on 127.0.0.1 (port 0) over a temp NODEPREP_HOME and a real SQLite
 * store. Call at the top of a test file; read the fields inside tests.
 */
export function useApiServer() {
  const tempDir = tempDirs('nodeprep-server-');
  const plan = loadPlan(curriculumRoot);
  const t = {
    server: undefined as unknown as Running,
    store: undefined as unknown as ProgressStore,
    home: '',
    get: (path: string, opts: Opts = {}) => call(t.server.origin, 'GET', path, { token: t.server.token, ...opts }),
    post: (path: string, body?: unknown, opts: Opts = {}) => call(t.server.origin, 'POST', path, { token: t.server.token, body, ...opts }),
    put: (path: string, body?: unknown, opts: Opts = {}) => call(t.server.origin, 'PUT', path, { token: t.server.token, body, ...opts }),
  };
  beforeEach(async () => {
    t.home = tempDir();
    t.store = ProgressStore.open(`${t.home}/nodeprep.db`);
    t.server = await startServer({ plan, store: t.store, home: t.home, env: { ...process.env, NODEPREP_HOME: t.home }, now: () => new Date(), port: 0, onError: (e) => console.error(e) });
  });
  afterEach(async () => {
    await t.server.close();
    t.store.close();
  });
  return t;
}
