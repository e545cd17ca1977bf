import { pbkdf2Sync, randomBytes, timingSafeEqual } from 'node:crypto';

/** OWASP's 2023 recommendation for PBKDF2-HMAC-SHA256. */
export const DEFAULT_ITERATIONS = 600_000;
/** Refuse stored hashes that would make one verification cost more than this many iterations. */
export const MAX_ITERATIONS = 10_000_000;

const SCHEME = 'pbkdf2-sha256';
const DIGEST = 'sha256';
const SALT_BYTES = 16;
const KEY_BYTES = 32;

/**
 * Hashes `password` with a fresh random salt:
 * `pbkdf2-sha256$<iterations>$<salt, base64>$<32-byte key, base64>`.
 */
export async function hashPassword(password: string, iterations = DEFAULT_ITERATIONS): Promise<string> {
  if (!Number.isSafeInteger(iterations) || iterations < 1 || iterations > MAX_ITERATIONS) {
    throw new RangeError(`iterations must be an integer from 1 to ${MAX_ITERATIONS}, got ${iterations}`);
  }
  const salt = randomBytes(SALT_BYTES);
  // TODO: pbkdf2Sync blocks the event loop for the whole derivation (hundreds of ms at 600k
  // iterations). `async` does not change that: the body still runs synchronously.
  const key = pbkdf2Sync(password, salt, iterations, KEY_BYTES, DIGEST);
  return [SCHEME, iterations, salt.toString('base64'), key.toString('base64')].join('$');
}

/**
 * Whether `password` matches a hash made by hashPassword. A malformed hash is `false`, not an
 * error. The comparison takes the same time wherever the keys differ.
 */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 4 || parts[0] !== SCHEME) return false;
  const iterations = Number(parts[1]);
  if (!/^\d+$/.test(parts[1]!) || !Number.isSafeInteger(iterations) || iterations < 1 || iterations > MAX_ITERATIONS) return false;
  const salt = Buffer.from(parts[2]!, 'base64');
  const expected = Buffer.from(parts[3]!, 'base64');
  if (salt.length === 0 || expected.length !== KEY_BYTES) return false;
  // TODO: same problem as in hashPassword.
  const actual = pbkdf2Sync(password, salt, iterations, KEY_BYTES, DIGEST);
  return timingSafeEqual(actual, expected);
}
