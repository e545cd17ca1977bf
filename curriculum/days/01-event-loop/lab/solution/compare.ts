// Prints the orders Node.js runs deferred callbacks in: `node --import tsx compare.ts`.
import { fileURLToPath } from 'node:url';
import {
  orderBetweenCallbacks,
  orderFromHere,
  orderFromIoCallback,
  processInChunks,
  processWithNextTick,
  type ChunkOptions,
  type Work,
} from './schedule.js';

// First, and synchronously: this is the only place in the program that is the main module's context.
const fromMain = orderFromHere();

const ITEMS = 100_000;

function* range(n: number): Generator<number> {
  for (let i = 0; i < n; i++) yield i;
}

type Processor = (items: Iterable<number>, work: Work<number>, options?: ChunkOptions) => Promise<number>;

/** How many items `processor` had done when a setTimeout(0) scheduled before it started ran. */
async function timerDuring(processor: Processor): Promise<number> {
  let done = 0;
  const timerRan = new Promise<number>((resolve) => setTimeout(() => resolve(done), 0));
  let bytes = 0;
  await processor(range(ITEMS), (i) => {
    bytes += JSON.stringify({ id: i, name: `item-${i}` }).length; // a little real work per item
    done++;
  }, { chunkSize: 100 });
  if (bytes === 0) throw new Error('no work was done');
  return timerRan;
}

async function main(): Promise<void> {
  const print = (label: string, order: readonly string[]) => console.log(`${label}: ${order.join(' ')}`);
  print('main', await fromMain);
  print('io', await orderFromIoCallback(fileURLToPath(import.meta.url)));
  print('between-immediates', await orderBetweenCallbacks('setImmediate'));
  print('between-timeouts', await orderBetweenCallbacks('setTimeout'));
  for (const [label, processor] of [['setImmediate', processInChunks], ['nextTick', processWithNextTick]] as const) {
    console.log(`yield-${label}: timer ran after ${await timerDuring(processor)} of ${ITEMS} items`);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
