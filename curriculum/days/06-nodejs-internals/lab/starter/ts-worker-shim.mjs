// Given: see start-worker.ts. Registers tsx in this worker thread, then loads the TypeScript entry
// that start-worker.ts put first in argv.
import { register } from 'tsx/esm/api';

register();
await import(process.argv[2]);
