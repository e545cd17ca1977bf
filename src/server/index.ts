export { API_ROUTES, BODY_LIMIT, createApp } from './app.js';
export type { ServerDeps } from './deps.js';
export { HttpError, toProblem } from './problem.js';
export { startServer, type Running, type StartOptions } from './server.js';
