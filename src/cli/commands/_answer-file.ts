import { readFileSync } from 'node:fs';
import { text } from 'node:stream/consumers';
import { usageError } from '../../core/errors.js';

/** An answer from a file, or from stdin for "-". Comments (editor guidance) are dropped. */
export async function readAnswer(file: string): Promise<string> {
  let raw: string;
  if (file === '-') raw = await text(process.stdin);
  else {
    try {
      raw = readFileSync(file, 'utf8');
    } catch (cause) {
      throw usageError(`Cannot read the answer file ${file} (${(cause as NodeJS.ErrnoException).code ?? (cause as Error).message}): check the path, or pass --file - to read stdin.`);
    }
  }
  return raw.replace(/<!--[\s\S]*?-->/g, '').trim();
}
