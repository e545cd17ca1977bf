// compress <src> [dest]: gzips a file with progress on stderr.
import { compressFile } from './compress.js';

async function main(args: string[]): Promise<number> {
  const [src, dest] = args;
  // TODO: without <src>, print a one-line usage message and return 1.
  // TODO: on SIGINT, abort the compression (AbortController), remove nothing by hand
  //       (compressFile cleans up) and return 130.
  // TODO: print progress to stderr as a percentage that ends at 100%.
  // TODO: on failure print ONE line (the error's message, no stack trace) and return 1.
  await compressFile(src!, dest ?? `${src}.gz`);
  return 0;
}

void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
