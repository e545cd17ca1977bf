import { randomBytes } from 'node:crypto';
import type { ServiceName } from '../../curriculum/schema.js';
import { ENV } from './_target.js';

const services = () => JSON.parse(process.env[ENV.services] ?? '{}') as Partial<Record<ServiceName, string>>;

/** Whether the run has the service: guard tests of an `optional` service with `it.skipIf(!hasService('mongodb'))`. */
export const hasService = (name: ServiceName): boolean => Boolean(services()[name]);

/**
 * The URL of a service the lab declares in lab.yaml `requires`, as the runner found or started it
 * (environment URL, default port, a local binary on a free port, or PGlite).
 */
export function serviceUrl(name: ServiceName): string {
  const url = services()[name];
  if (!url) throw new Error(`The lab did not get a ${name} service: add it to lab.yaml \`requires\`.`);
  return url;
}

/** A key / queue / channel prefix no other run shares, so tests never see each other's data. */
export function isolatedPrefix(label = 'np'): string {
  return `${label}:${process.pid}:${randomBytes(4).toString('hex')}:`;
}
