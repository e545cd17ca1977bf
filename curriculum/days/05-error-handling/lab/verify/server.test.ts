import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { freePort, spawnTarget, waitForPort, waitForPortClosed, type Spawned } from 'nodeprep/testkit';
import { rawRequest, until } from './_http.js';

interface Started {
  p: Spawned;
  port: number;
}

/** server.ts in its own process, with the debug routes, in production mode. */
async function startServer(drainMs: number): Promise<Started> {
  const port = await freePort();
  const p = spawnTarget('server.ts', {
    env: { PORT: String(port), DEBUG_ROUTES: '1', NODE_ENV: 'production', SHUTDOWN_TIMEOUT_MS: String(drainMs) },
  });
  const exitedEarly = p.exited(20_000).then(
    (e) => Promise.reject(new Error(`server.ts exited (${e.signal ?? `code ${e.code}`}) before listening on PORT=${port}; stderr: ${tail(p.stderr())}`)),
    () => new Promise<never>(() => {}),
  );
  await Promise.race([waitForPort(port, 15_000), exitedEarly]);
  return { p, port };
}

const tail = (text: string) => JSON.stringify(text.trim().split('\n').slice(-3).join(' | ') || '(empty)');

/** stderr lines that parse as JSON objects. */
function jsonLines(stderr: string): Array<Record<string, unknown>> {
  return stderr.split('\n').flatMap((line) => {
    try {
      const v: unknown = JSON.parse(line);
      return v && typeof v === 'object' && !Array.isArray(v) ? [v as Record<string, unknown>] : [];
    } catch {
      return [];
    }
  });
}
const fatalLines = (p: Spawned) => jsonLines(p.stderr()).filter((l) => l.level === 'fatal');

/** Starts a slow request and resolves once the server has begun answering it (it is in flight). */
async function inFlight(port: number, ms: number) {
  const slow = rawRequest(port, 'GET', `/debug/slow?ms=${ms}`, { timeoutMs: ms + 15_000 });
  await slow.firstChunk;
  let finished = false;
  void slow.done.then(() => (finished = true));
  return { done: slow.done, finished: () => finished };
}

/** Right after the port closed: the process must still be alive, with the slow request running. */
async function expectStillDraining(p: Spawned, slow: { finished(): boolean }, what: string): Promise<void> {
  await sleep(100); // a process that died is seen as exited (and its cut request as ended) by now
  const { exitCode, signalCode } = p.child;
  if (exitCode !== null || signalCode !== null) {
    expect.fail(`the process ended at once after the ${what} (${signalCode ?? `exit code ${exitCode}`}), cutting the request in flight: stop accepting, let in-flight requests finish, then exit`);
  }
  expect(slow.finished(), `the server must stop accepting while the in-flight request still runs (close the listener first, then drain); here the request ended before the port closed`).toBe(false);
}

async function trigger(port: number, path: string): Promise<void> {
  const r = await rawRequest(port, 'POST', path).done;
  expect(r.status, `POST ${path} (a debug route) answers 202 before it misbehaves on a later tick`).toBe(202);
}

/** The fatal-error scenario shared by uncaughtException and unhandledRejection. */
async function expectFatalShutdown(path: string, origin: string, message: string, sigtermDuringDrain = false): Promise<void> {
  const { p, port } = await startServer(8000);
  const slow = await inFlight(port, 1500);
  await trigger(port, path);

  let exited = false;
  p.exited(60_000).then(() => (exited = true), () => {});
  await until(() => fatalLines(p).length > 0 || exited, 5000, `no {"level":"fatal"} JSON line on stderr within 5 s of the ${origin}; stderr: ${tail(p.stderr())}`);
  if (fatalLines(p).length === 0) {
    expect.fail(`the process died at once (exit code ${p.child.exitCode}) with no {"level":"fatal"} JSON line, cutting the request in flight: handle '${origin}' (log, stop accepting, drain, exit 1); stderr: ${tail(p.stderr())}`);
  }
  const fatal = fatalLines(p);
  expect(fatal.length, `exactly one {"level":"fatal"} line per fatal error; stderr: ${tail(p.stderr())}`).toBe(1);
  expect(fatal[0]!.origin, 'the fatal line names the origin').toBe(origin);
  expect(String(fatal[0]!.message), 'the fatal line carries the error message').toContain(message);
  expect(typeof fatal[0]!.stack === 'string' && String(fatal[0]!.stack).includes(message), 'and its stack, for the post-mortem').toBe(true);

  await waitForPortClosed(port, 2000).catch(() => {
    throw new Error(`the server still accepts connections 2 s after the ${origin}: its state is unknown, stop taking work (server.close())`);
  });
  await expectStillDraining(p, slow, origin);
  if (sigtermDuringDrain) p.kill('SIGTERM'); // the orchestrator notices the dead port: it changes nothing

  const r = await slow.done;
  expect([r.status, r.body, r.complete], `the request in flight when the error hit still completes (a bounded drain)${sigtermDuringDrain ? ', even when a SIGTERM arrives during the drain' : ''}`).toEqual([200, 'started\ndone\n', true]);
  const exit = await p.exited(5000).catch(() => {
    throw new Error(`the process was still running 5 s after the drain finished: after an ${origin} it must exit`);
  });
  expect(exit, `after an ${origin} the process exits with code 1 (a supervisor restarts it)${sigtermDuringDrain ? '; a SIGTERM during the drain must not start a second shutdown or turn the code into 0' : ''}`).toEqual({ code: 1, signal: null });
}

describe('server.ts: process-level last resorts', () => {
  it('on an uncaught exception: logs one fatal JSON line, stops accepting, finishes the in-flight request, exits 1 (a SIGTERM mid-drain changes nothing)', async () => {
    await expectFatalShutdown('/debug/crash', 'uncaughtException', 'debug: thrown from a timer', true);
  });

  it('on an unhandled rejection: the same, with origin "unhandledRejection"', async () => {
    await expectFatalShutdown('/debug/reject', 'unhandledRejection', 'debug: a rejection nobody handles');
  });

  it('a request that outlasts SHUTDOWN_TIMEOUT_MS does not keep a crashed process alive: it exits 1 at the deadline', async () => {
    const { p, port } = await startServer(1000);
    const slow = await inFlight(port, 30_000);
    await trigger(port, '/debug/crash');
    const crashedAt = Date.now();
    const exit = await p.exited(8000).catch(() => {
      throw new Error('a request that never finishes held the process for 8 s with SHUTDOWN_TIMEOUT_MS=1000: the drain needs a hard deadline (an unref\'d timer that exits)');
    });
    const waited = Date.now() - crashedAt;
    expect(waited, `the process exited ${waited} ms after the crash, well before SHUTDOWN_TIMEOUT_MS=1000: the in-flight request got no chance to finish`).toBeGreaterThanOrEqual(700);
    expect(exit, 'at the deadline the process still exits with code 1').toEqual({ code: 1, signal: null });
    const r = await slow.done;
    expect(r.complete, 'the 30 s request was cut at the deadline').toBe(false);
  });

  it('on SIGTERM: stops accepting, finishes the in-flight request, exits 0', async () => {
    const { p, port } = await startServer(8000);
    const slow = await inFlight(port, 1200);
    p.kill('SIGTERM');
    await waitForPortClosed(port, 2000).catch(() => {
      throw new Error('the server still accepts connections 2 s after SIGTERM: a deploy sends SIGTERM, then routes traffic elsewhere; stop listening at once');
    });
    await expectStillDraining(p, slow, 'SIGTERM');
    const r = await slow.done;
    expect([r.status, r.body, r.complete], 'the in-flight request completes during a SIGTERM drain').toEqual([200, 'started\ndone\n', true]);
    const exit = await p.exited(5000).catch(() => {
      throw new Error('the process was still running 5 s after SIGTERM and the drain: it must exit once idle');
    });
    expect(exit, 'SIGTERM is a normal stop: exit code 0, not killed by the signal').toEqual({ code: 0, signal: null });
    expect(fatalLines(p).length, 'a SIGTERM is not a fatal error: no fatal line').toBe(0);
  });
});
