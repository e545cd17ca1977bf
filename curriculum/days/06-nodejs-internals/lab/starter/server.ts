// Given: starts the service. `PORT=3000 node --import tsx server.ts`
// Environment: PORT (3000), HOST (127.0.0.1), ORDERS (orders served by /orders/export, 20000),
// PBKDF2_ITERATIONS (iterations for new password hashes, DEFAULT_ITERATIONS from passwords.ts).
import { startApp } from './app.js';
import { DEFAULT_ITERATIONS } from './passwords.js';

function intFromEnv(name: string, fallback: number): number {
  const text = process.env[name];
  if (text === undefined || text === '') return fallback;
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got ${JSON.stringify(text)}`);
  return n;
}

const app = await startApp({
  port: intFromEnv('PORT', 3000),
  host: process.env.HOST || '127.0.0.1',
  orders: intFromEnv('ORDERS', 20_000),
  iterations: intFromEnv('PBKDF2_ITERATIONS', DEFAULT_ITERATIONS),
});
console.log(`listening on ${app.url}`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    const force = setTimeout(() => process.exit(1), 5000).unref();
    app.close().then(() => clearTimeout(force), (err: unknown) => {
      console.error(err);
      process.exitCode = 1;
    });
  });
}
