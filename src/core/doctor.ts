import { accessSync, constants, existsSync } from 'node:fs';
import { ServiceName } from './curriculum/schema.js';
import type { ProgressStore } from './progress/store.js';
import { SERVICES } from './services/catalog.js';
import { probe } from './services/resolve.js';

/** The oldest Node.js nodeprep runs on. */
export const MIN_NODE = [20, 19] as const;

/** **contract**: what `nodeprep doctor` checks and `GET /api/doctor` returns. */
export interface DoctorReport {
  node: { version: string; ok: boolean; needs: string };
  workspace: { dir: string; writable: boolean };
  store: { ok: boolean; startDate: string | null; error?: string };
  /** Every service a lab may need; `url` and `source` are null when it was not found. */
  services: Array<{ name: ServiceName; url: string | null; source: string | null; install: string }>;
  /** Node, workspace and store are fine (a missing service only skips the labs that need it). */
  ok: boolean;
}

/** True when `version` (e.g. 20.19.0) is at least MIN_NODE. */
export function nodeSupported(version: string): boolean {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  return major > MIN_NODE[0] || (major === MIN_NODE[0] && minor >= MIN_NODE[1]);
}

function writable(dir: string): boolean {
  try {
    if (existsSync(dir)) accessSync(dir, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

export interface DoctorOptions {
  home: string;
  env: NodeJS.ProcessEnv;
  /** Opens (or returns the open) progress store; an error it throws is reported, not thrown. */
  store: () => ProgressStore;
  /** Defaults to this process's Node. */
  nodeVersion?: string;
}

/** Checks Node, the workspace, the progress store and every service (probed, never started). */
export async function doctor(opts: DoctorOptions): Promise<DoctorReport> {
  const version = opts.nodeVersion ?? process.versions.node;
  const node = { version, ok: nodeSupported(version), needs: MIN_NODE.join('.') };
  const workspace = { dir: opts.home, writable: writable(opts.home) };
  let store: DoctorReport['store'];
  try {
    store = { ok: true, startDate: opts.store().startDate() ?? null };
  } catch (e) {
    store = { ok: false, startDate: null, error: e instanceof Error ? e.message : String(e) };
  }
  const services = await Promise.all(
    ServiceName.options.map(async (name) => {
      const found = await probe(name, opts.env);
      return { name, url: found?.url ?? null, source: found?.source ?? null, install: SERVICES[name].install };
    }),
  );
  return { node, workspace, store, services, ok: node.ok && workspace.writable && store.ok };
}

/** A service URL fit to show in a browser: any password replaced with `***`. */
export function hidePassword(url: string): string {
  try {
    const u = new URL(url);
    if (!u.password) return url;
    u.password = '***';
    return u.toString();
  } catch {
    return url;
  }
}
