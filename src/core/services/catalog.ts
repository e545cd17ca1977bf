import type { ServiceName } from '../curriculum/schema.js';

export interface ServiceSpec {
  name: ServiceName;
  /** The environment variable that overrides discovery. */
  env: string;
  port: number;
  /** The URL used when the default local port answers. */
  localUrl: string;
  /** What to tell a learner who has none. */
  install: string;
}

/** How each service a lab may need is found, and how a learner gets it. */
export const SERVICES: Record<ServiceName, ServiceSpec> = {
  redis: {
    name: 'redis',
    env: 'REDIS_URL',
    port: 6379,
    localUrl: 'redis://127.0.0.1:6379',
    install: '`docker compose up -d redis`, or install it (`sudo apt-get install -y redis-server` / `brew install redis`), or set REDIS_URL',
  },
  postgres: {
    name: 'postgres',
    env: 'DATABASE_URL',
    port: 5432,
    localUrl: 'postgres://postgres@127.0.0.1:5432/postgres',
    install: '`docker compose up -d postgres`, or install it (`sudo apt-get install -y postgresql` / `brew install postgresql`), or set DATABASE_URL',
  },
  rabbitmq: {
    name: 'rabbitmq',
    env: 'AMQP_URL',
    port: 5672,
    localUrl: 'amqp://guest:guest@127.0.0.1:5672',
    install: '`docker compose up -d rabbitmq`, or install it (`sudo apt-get install -y rabbitmq-server` / `brew install rabbitmq`), or set AMQP_URL',
  },
  nats: {
    name: 'nats',
    env: 'NATS_URL',
    port: 4222,
    localUrl: 'nats://127.0.0.1:4222',
    install: '`docker compose up -d nats`, or install nats-server (`sudo apt-get install -y nats-server` / `brew install nats-server`), or set NATS_URL',
  },
  mongodb: {
    name: 'mongodb',
    env: 'MONGODB_URL',
    port: 27017,
    localUrl: 'mongodb://127.0.0.1:27017',
    install: '`docker compose up -d mongodb`, or set MONGODB_URL to a MongoDB you run',
  },
};
