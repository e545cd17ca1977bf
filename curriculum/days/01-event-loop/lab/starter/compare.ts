// Prints the orders Node.js runs deferred callbacks in: `node --import tsx compare.ts`.
// The output format is in README.md ("main: …", "io: …", …, "yield-nextTick: …").
import {
  orderBetweenCallbacks,
  orderFromHere,
  orderFromIoCallback,
  processInChunks,
  processWithNextTick,
} from './schedule.js';

async function main(): Promise<void> {
  // TODO: print the six lines. Where must orderFromHere() be called for the "main" line to show the
  // main module's own context? Which file can the "io" line read that always exists?
  // The starvation lines: schedule a setTimeout(0), run 100 000 items through each processor
  // (chunkSize 100) and report how many items were done when the timer ran.
  throw new Error('TODO: compare.ts');
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
