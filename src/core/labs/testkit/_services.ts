import { randomBytes } from 'node:crypto';
import type { ServiceName } from '../../curriculum/schema.js';
import { ENV } from './_target.js';

/**
 * The URL of a service the lab declares in lab.yaml `requires`, as the runner found or started it
 * (environment URL, default port, a local binary on a free port, or PGlite).
 */
export function serviceUrl(name: ServiceName): string {
  const all = JSON.parse(process.env[ENV.services] ?? '{}') as Partial<Record<ServiceName, string>>;
  const url = all[name];
  if (!url) throw new Error(`The lab did not get a ${name} service: add it to lab.yaml \`requires\`.`);
  return url;
}

/** A key / queue / channel prefix no other run shares, so tests never see each other's data. */
export function isolatedPrefix(label = 'np'): string {
  return `${label}:${process.pid}:${randomBytes(4).toString('hex')}:`;
}
