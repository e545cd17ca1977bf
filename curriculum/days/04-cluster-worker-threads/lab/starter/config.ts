// Given: reading and validating the environment. You do not need to change this file.
import { availableParallelism } from 'node:os';

export interface Config {
  /** TCP port on `host`; 0 lets the OS pick one, which every worker then shares. Env `PORT`, default 3000. */
  port: number;
  /** Always 127.0.0.1: this service sits behind a proxy on the same host. */
  host: string;
  /** Cluster workers to fork. Env `WORKERS`, default one per core (`os.availableParallelism()`). */
  workers: number;
  /** Worker threads in each cluster worker's CPU pool. Env `CPU_THREADS`, default 1. */
  cpuThreads: number;
  /** How long a graceful shutdown may take before workers are killed. Env `SHUTDOWN_TIMEOUT_MS`, default 10 000. */
  shutdownTimeoutMs: number;
}

/** The message the primary sends a worker (`worker.send(SHUTDOWN)`) to make it drain and exit. */
export const SHUTDOWN = 'shutdown';

/** Reads the configuration; throws a RangeError naming the variable when a value is not acceptable. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: intFromEnv(env, 'PORT', 3000, 0, 65_535),
    host: '127.0.0.1',
    workers: intFromEnv(env, 'WORKERS', availableParallelism(), 1, 256),
    cpuThreads: intFromEnv(env, 'CPU_THREADS', 1, 1, 64),
    shutdownTimeoutMs: intFromEnv(env, 'SHUTDOWN_TIMEOUT_MS', 10_000, 1, 600_000),
  };
}

function intFromEnv(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  const value = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(value >= min && value <= max)) throw new RangeError(`${name} must be an integer from ${min} to ${max}, got "${raw}"`);
  return value;
}
