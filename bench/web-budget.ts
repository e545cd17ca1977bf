// First-load JavaScript of the web app: the entry chunk and every chunk it imports statically
// (what the browser must fetch before the first page renders), gzip-compressed, from Vite's manifest.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { projectRoot } from '../src/core/paths.js';
import type { Figure } from './cli-startup.js';

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  css?: string[];
}

export function firstLoadJs(anchorKb: number, dist = join(projectRoot, 'web', 'dist')): Figure {
  const manifestFile = join(dist, '.vite', 'manifest.json');
  if (!existsSync(manifestFile)) throw new Error('web/dist is not built: run `npm run build` first.');
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Record<string, ManifestChunk>;
  const seen = new Set<string>();
  const visit = (key: string) => {
    const chunk = manifest[key];
    if (!chunk || seen.has(chunk.file)) return;
    seen.add(chunk.file);
    for (const dep of chunk.imports ?? []) visit(dep);
  };
  for (const [key, chunk] of Object.entries(manifest)) if (chunk.isEntry) visit(key);
  const bytes = [...seen].filter((f) => f.endsWith('.js')).reduce((sum, f) => sum + gzipSync(readFileSync(join(dist, f)), { level: 9 }).length, 0);
  return { name: `web first-load JS, gzip (${seen.size} chunk${seen.size === 1 ? '' : 's'})`, value: Math.round((bytes / 1024) * 10) / 10, unit: 'KB', anchor: anchorKb };
}
