import type { Response } from 'express';

/** A named Server-Sent Event and its JSON data. */
export interface SseEvent {
  event: string;
  data: unknown;
}

/** Starts a Server-Sent Events stream on `res` and returns a writer of the events `E` allows (name it: `openEventStream<VerifyEvent>(res)`). */
export function openEventStream<E extends SseEvent>(res: Response): <K extends E['event']>(event: K, data: Extract<E, { event: K }>['data']) => void {
  res.status(200);
  res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('X-Accel-Buffering', 'no');
  res.flushHeaders();
  return (event, data) => {
    if (!res.writableEnded && !res.destroyed) res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  };
}
