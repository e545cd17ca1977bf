import { pbkdf2Sync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { importTarget } from 'nodeprep/testkit';

type Passwords = typeof import('../solution/passwords.js');
const load = () => importTarget<Passwords>('passwords.ts');

/** Enough work to take tens to hundreds of ms, so "returned before the work was done" is unmistakable. */
const HEAVY = 200_000;

/**
 * How long `start()` ran synchronously versus how long its promise took to settle. Work handed to
 * the libuv thread pool leaves the call almost instantly; work done with a *Sync API is all in it.
 */
async function syncShare(start: () => Promise<unknown>): Promise<{ syncMs: number; totalMs: number }> {
  const t0 = performance.now();
  const promise = start();
  const syncMs = performance.now() - t0;
  await promise;
  return { syncMs: Math.round(syncMs), totalMs: Math.round(performance.now() - t0) };
}

describe('passwords.ts', () => {
  it('hashPassword writes pbkdf2-sha256$<iterations>$<salt>$<key> that node:crypto derives again', async () => {
    const { hashPassword } = await load();
    const hash = await hashPassword('correct horse', 1000);
    const parts = hash.split('$');
    expect(parts.length === 4 && parts[0] === 'pbkdf2-sha256' && parts[1], `the hash must look like pbkdf2-sha256$1000$<salt>$<key>, got ${hash}`).toBe('1000');
    const salt = Buffer.from(parts[2]!, 'base64');
    const key = Buffer.from(parts[3]!, 'base64');
    expect(salt.length, 'the salt must be 16 random bytes, base64').toBe(16);
    expect(key.equals(pbkdf2Sync('correct horse', salt, 1000, 32, 'sha256')), 'the key must be PBKDF2-HMAC-SHA256(password, salt, iterations, 32 bytes)').toBe(true);
    expect(await hashPassword('correct horse', 1000), 'two hashes of one password must differ (a fresh salt each time)').not.toBe(hash);
  });

  it('verifyPassword accepts the right password and refuses a wrong one or a malformed hash', async () => {
    const { hashPassword, verifyPassword } = await load();
    const hash = await hashPassword('correct horse', 1000);
    expect(await verifyPassword('correct horse', hash), 'the right password must verify').toBe(true);
    expect(await verifyPassword('correct horsf', hash), 'a wrong password must not verify').toBe(false);
    for (const bad of ['', 'plain text', hash.replace('pbkdf2-sha256', 'md5'), hash.split('$').slice(0, 3).join('$'), hash.replace('$1000$', '$-1$')]) {
      const outcome = await verifyPassword('correct horse', bad).then((v) => v, (err: unknown) => `rejected: ${String(err)}`);
      expect(outcome, `a malformed hash ${JSON.stringify(bad)} must verify as false, not throw`).toBe(false);
    }
  });

  it(`hashPassword returns its promise before the key is derived (${HEAVY} iterations on the libuv pool)`, async () => {
    const { hashPassword } = await load();
    const { syncMs, totalMs } = await syncShare(() => hashPassword('correct horse', HEAVY));
    expect(syncMs, `hashPassword ran ${syncMs} ms of its ${totalMs} ms before returning: the derivation blocked the event loop. An async function body still runs synchronously; use crypto.pbkdf2 (callback or promisified), which runs on the libuv thread pool`).toBeLessThan(totalMs / 4);
  });

  it(`verifyPassword returns its promise before the key is derived (${HEAVY} iterations on the libuv pool)`, async () => {
    const { hashPassword, verifyPassword } = await load();
    const hash = await hashPassword('correct horse', HEAVY);
    const { syncMs, totalMs } = await syncShare(() => verifyPassword('correct horse', hash));
    expect(syncMs, `verifyPassword ran ${syncMs} ms of its ${totalMs} ms before returning: every login blocked the event loop. Use crypto.pbkdf2, not pbkdf2Sync, here too`).toBeLessThan(totalMs / 4);
  });
});
