// The application's operational errors: each knows its HTTP status, a stable code, and whether its
// message was written for the client. Anything that is not one of these is a bug (a 500).

export interface AppErrorOptions extends ErrorOptions {
  /** HTTP status, 400-599. Default 500. */
  status?: number;
  /** Stable machine-readable code, e.g. 'NOT_FOUND'. Default 'INTERNAL'. */
  code?: string;
  /** May the client see `message`? Default false. Only honoured for 4xx statuses. */
  expose?: boolean;
}

export interface FieldError {
  /** The request-body field, e.g. 'email'. */
  field: string;
  /** What is wrong with it, written for the client. */
  message: string;
}

export class AppError extends Error {
  readonly status: number;
  readonly code: string;
  readonly expose: boolean;

  constructor(message: string, { status = 500, code = 'INTERNAL', expose = false, ...options }: AppErrorOptions = {}) {
    if (!Number.isInteger(status) || status < 400 || status > 599) {
      throw new RangeError(`AppError status must be an integer from 400 to 599, got ${status}`);
    }
    super(message, options); // `cause` becomes an own property only when the caller passed one
    this.name = new.target.name;
    this.status = status;
    this.code = code;
    this.expose = expose;
  }
}

export class NotFoundError extends AppError {
  /** `new NotFoundError('user 42')` → message "user 42 not found". */
  constructor(what: string, options?: ErrorOptions) {
    super(`${what} not found`, { ...options, status: 404, code: 'NOT_FOUND', expose: true });
  }
}

export class ValidationError extends AppError {
  readonly errors: readonly FieldError[];

  constructor(errors: readonly FieldError[], options?: ErrorOptions) {
    super(`invalid ${errors.map((e) => e.field).join(', ') || 'request'}`, {
      ...options,
      status: 422,
      code: 'VALIDATION_FAILED',
      expose: true,
    });
    this.errors = Object.freeze(errors.map(({ field, message }) => ({ field, message })));
  }
}

export class ConflictError extends AppError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, { ...options, status: 409, code: 'CONFLICT', expose: true });
  }
}
