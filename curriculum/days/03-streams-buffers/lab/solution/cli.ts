// compress <src> [dest]: gzips a file, with progress on stderr. Exits 0 on success, 1 on failure
// (one line, no stack trace), 130 when interrupted with Ctrl-C (and leaves nothing behind).
import { compressFile } from './compress.js';

const USAGE = 'usage: compress <src> [dest]   (dest defaults to <src>.gz)';

function say(line: string): void {
  process.stderr.write(`compress: ${line}\n`);
}

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

/** Progress as a percentage: rewritten in place on a terminal, one line per 10% when piped to a log. */
function progressPrinter(): { show(bytesRead: number, totalBytes: number): void; end(): void } {
  const tty = process.stderr.isTTY === true;
  let shown = -1;
  return {
    show(bytesRead, totalBytes) {
      const percent = totalBytes > 0 ? Math.min(100, Math.floor((bytesRead * 100) / totalBytes)) : 100;
      if (percent === shown || (!tty && percent % 10 !== 0)) return;
      shown = percent;
      const line = `compress: ${String(percent).padStart(3)}% (${size(bytesRead)} of ${size(totalBytes)})`;
      process.stderr.write(tty ? `\r${line}` : `${line}\n`);
    },
    end() {
      if (tty && shown >= 0) process.stderr.write('\n');
    },
  };
}

async function main(args: string[]): Promise<number> {
  const [src, dest = `${src}.gz`, ...extra] = args;
  if (!src || src.startsWith('-') || extra.length > 0) {
    say(USAGE);
    return 1;
  }

  const controller = new AbortController();
  // `once`: a second Ctrl-C gets Node's default handling and ends the process at once.
  const onSigint = () => controller.abort();
  process.once('SIGINT', onSigint);
  const progress = progressPrinter();
  try {
    const { bytesIn, bytesOut } = await compressFile(src, dest, {
      signal: controller.signal,
      onProgress: ({ bytesRead, totalBytes }) => progress.show(bytesRead, totalBytes),
    });
    progress.show(bytesIn, bytesIn); // an empty file reads no chunk: report its 100% here
    progress.end();
    const ratio = bytesIn > 0 ? `, ${((bytesOut / bytesIn) * 100).toFixed(1)}% of the original` : '';
    say(`wrote ${dest} (${size(bytesOut)}${ratio})`);
    return 0;
  } catch (err) {
    progress.end();
    if (controller.signal.aborted) {
      say(`interrupted: ${dest} was not written`);
      return 130; // 128 + SIGINT, as shells report it
    }
    say(err instanceof Error ? err.message : String(err));
    return 1;
  } finally {
    process.off('SIGINT', onSigint);
  }
}

void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
