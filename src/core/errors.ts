/**
 * The few error kinds the trainer raises on purpose. Each has a stable `code` and a message that
 * tells the learner what to do next. Only the CLI entry prints them; the server maps codes to status.
 */
export type ErrorCode =
  | 'USAGE' // the learner typed something we cannot act on
  | 'NOT_FOUND' // a day, lab, question or session that does not exist
  | 'CONTENT' // a curriculum file is malformed
  | 'STORE' // the progress database cannot be opened or written
  | 'SERVICE' // a service a lab needs is not reachable
  | 'LAB' // a lab could not be run (not a failing check: that is a result, not an error)
  | 'CONFLICT'; // the request is valid but not yet allowed in the learner's current state (e.g. a locked solution)

export class NodeprepError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'NodeprepError';
    this.code = code;
  }
}

export const usageError = (message: string) => new NodeprepError('USAGE', message);
export const notFound = (message: string) => new NodeprepError('NOT_FOUND', message);
export const conflict = (message: string) => new NodeprepError('CONFLICT', message);

/** True for errors the learner can fix from the message alone (no stack trace wanted). */
export function isNodeprepError(err: unknown): err is NodeprepError {
  return err instanceof NodeprepError;
}
