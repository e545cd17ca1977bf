import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/core/paths.js';
import { call } from '../helpers/http.js';
import { tempHome } from './_cli.js';

describe('nodeprep ui', () => {
  it('prints its address with the token, serves the API, and stops cleanly on SIGTERM', async () => {
    const home = tempHome();
    const child = spawn(process.execPath, [join(projectRoot, 'bin', 'nodeprep.js'), 'ui', '--port', '0', '--no-open'], {
      env: { ...process.env, NODEPREP_HOME: home, NO_COLOR: '1', FORCE_COLOR: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const exited = new Promise<number | null>((resolve) => child.once('close', resolve));
    const url = await new Promise<URL>((resolve, reject) => {
      child.stdout.setEncoding('utf8').on('data', (d: string) => {
        stdout += d;
        const m = /http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]{64}/.exec(stdout);
        if (m) resolve(new URL(m[0]));
      });
      void exited.then((code) => reject(new Error(`exited ${code}: ${stderr}`)));
    });
    try {
      const token = url.searchParams.get('token')!;
      const plan = await call(url.origin, 'GET', '/api/plan', { token });
      expect(plan.status).toBe(200);
      expect(plan.json().days).toHaveLength(30);
      expect((await call(url.origin, 'GET', '/api/plan')).status).toBe(401);
      expect((await call(url.origin, 'GET', '/api/plan', { token, headers: { host: 'evil.example' } })).status).toBe(421);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(stdout).toContain('Stopped (SIGTERM).');
    expect(stderr).toBe('');
  });

  it('says which port is taken instead of crashing', async () => {
    const { createServer } = await import('node:net');
    const blocker = createServer().listen(0, '127.0.0.1');
    await new Promise((r) => blocker.once('listening', r));
    const port = (blocker.address() as { port: number }).port;
    const { cli } = await import('./_cli.js');
    const r = await cli(['ui', '--port', String(port), '--no-open'], { home: tempHome() });
    blocker.close();
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`Port ${port} is in use`);
  });
});
