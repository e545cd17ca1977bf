// Given: the entry point. `node --import tsx server.ts` starts the primary, and cluster.fork() runs
// this same file again in every worker (cluster.isPrimary is false there).
import cluster from 'node:cluster';
import { readConfig, type Config } from './config.js';
import { startPrimary } from './primary.js';
import { startWorker } from './worker.js';

let config: Config;
try {
  config = readConfig();
} catch (err) {
  console.error(`server: ${(err as Error).message}`);
  process.exit(1);
}

if (cluster.isPrimary) startPrimary(config);
else startWorker(config);
