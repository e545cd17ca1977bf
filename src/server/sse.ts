import type { Response } from 'express';

/** Starts a Server-Sent Events stream on `res` and returns a writer of named events (JSON data). */
export function openEventStream(res: Response): (event: string, data: unknown) => void {
  res.status(200);
  res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('X-Accel-Buffering', 'no');
  res.flushHeaders();
  return (event, data) => {
    if (!res.writableEnded) res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  };
}
