import { describe, expect, it } from 'vitest';
import { useApiServer } from '../../test/helpers/api-server.js';
import { call } from '../../test/helpers/http.js';

const t = useApiServer();
const { get, post } = t;

describe('security', () => {
  it('binds 127.0.0.1 and hands out a 32-byte hex token in the address', () => {
    expect(t.server.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(t.server.token).toMatch(/^[0-9a-f]{64}$/);
    expect(t.server.url).toBe(`${t.server.origin}/?token=${t.server.token}`);
  });

  it('refuses API calls without the token or with a wrong one (401 problem)', async () => {
    const none = await call(t.server.origin, 'GET', '/api/plan');
    expect(none.status).toBe(401);
    expect(none.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(none.headers['www-authenticate']).toBe('Bearer');
    expect((await get('/api/plan', { token: 'f'.repeat(64) })).status).toBe(401);
    expect((await call(t.server.origin, 'GET', `/api/plan?token=${'0'.repeat(64)}`)).status).toBe(401);
  });

  it('accepts the token as a Bearer header or as ?token=', async () => {
    expect((await get('/api/plan')).status).toBe(200);
    expect((await call(t.server.origin, 'GET', `/api/plan?token=${t.server.token}`)).status).toBe(200);
  });

  it.each(['evil.example', `evil.example:${0}`, '127.0.0.1:1', '[::1]'])('rejects Host: %s (DNS rebinding) even with the token', async (host) => {
    const r = await get('/api/plan', { headers: { host: host.replace(':0', `:${t.server.port}`) } });
    expect(r.status).toBe(421);
    expect(r.json().title).toBe('Misdirected Request');
  });

  it('accepts Host: localhost:PORT', async () => {
    expect((await get('/api/plan', { headers: { host: `localhost:${t.server.port}` } })).status).toBe(200);
  });

  it('refuses a state-changing request from another origin or with no Origin (403)', async () => {
    expect((await post('/api/review/undo', undefined, { headers: { origin: 'http://evil.example' } })).status).toBe(403);
    const missing = await call(t.server.origin, 'POST', '/api/review/undo', { token: t.server.token, headers: { origin: '' } });
    expect(missing.status).toBe(403);
    expect((await post('/api/review/undo')).status).toBe(200);
  });

  it('sends CSP, nosniff, no-referrer and no framing on every response', async () => {
    for (const r of [await get('/'), await get('/api/plan'), await call(t.server.origin, 'GET', '/api/plan')]) {
      expect(r.headers['content-security-policy']).toContain("default-src 'self'");
      expect(r.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(r.headers['content-security-policy']).not.toContain('unsafe-inline');
      expect(r.headers['x-content-type-options']).toBe('nosniff');
      expect(r.headers['referrer-policy']).toBe('no-referrer');
      expect(r.headers['x-powered-by']).toBeUndefined();
    }
  });

  it('answers a body over 64 kB with a 413 problem', async () => {
    const r = await call(t.server.origin, 'PUT', '/api/notes/3', { token: t.server.token, body: { text: 'x'.repeat(70_000) } });
    expect(r.status).toBe(413);
    expect(r.json()).toMatchObject({ status: 413, title: 'Content Too Large' });
  });

  it('maps errors to problem+json: bad day 400, unknown session 404, malformed JSON 400', async () => {
    expect((await get('/api/days/31')).json()).toMatchObject({ status: 400, code: 'USAGE', detail: expect.stringContaining('1 to 30') });
    expect((await get('/api/days/1/lab')).status).toBe(200);
    expect((await get('/api/days/7/lab')).json()).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    expect((await post('/api/mock/w1-nope/finish')).json()).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    expect((await post('/api/review/grade', undefined, { raw: '{"id":' })).status).toBe(400);
    expect((await get('/api/nothing-here')).status).toBe(404);
  });
});
