// Preloaded into a spawned target with `measureMemory: true`: records the process's peak resident
// set size (KiB) at exit, so a test can assert that memory stayed flat however the code was written.
import { writeFileSync } from 'node:fs';

const file = process.env.NODEPREP_PEAK_RSS_FILE;
if (file) process.once('exit', () => writeFileSync(file, String(process.resourceUsage().maxRSS)));
