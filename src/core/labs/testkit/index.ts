/**
 * The test kit: the only way verify tests reach the code under test. It hands them the target's
 * modules and processes, free ports, scratch directories and service URLs, and cleans up after them.
 *
 * @example
 * import { importTarget, spawnTarget, freePort } from 'nodeprep/testkit';
 * const { promisify } = await importTarget<typeof import('../solution/promisify.js')>('promisify.ts');
 */
export { ENV, importTarget, targetDir, targetPath } from './_target.js';
export { spawnTarget, type Exit, type SpawnOptions, type Spawned } from './_processes.js';
export { freePort, waitForPort, waitForPortClosed } from './_net.js';
export { scratchDir } from './_scratch.js';
export { hasService, isolatedPrefix, serviceUrl } from './_services.js';
