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
  readonly status: number = 500;
  readonly code: string = 'INTERNAL';
  readonly expose: boolean = false;

  constructor(message: string, options: AppErrorOptions = {}) {
    // TODO: take status, code and expose from `options` (defaults 500, 'INTERNAL', false); hand
    // `cause` to super() so it becomes error.cause, WITHOUT creating an own `cause` property when
    // the caller gave none; set this.name to the concrete class's name (new.target.name).
    super(message);
    void options;
  }
}

export class NotFoundError extends AppError {
  /** `new NotFoundError('user 42')` → message "user 42 not found". */
  constructor(what: string, options?: ErrorOptions) {
    // TODO: status 404, code 'NOT_FOUND', exposed to the client.
    super(`${what} not found`, options);
  }
}

export class ValidationError extends AppError {
  readonly errors: readonly FieldError[];

  constructor(errors: readonly FieldError[], options?: ErrorOptions) {
    // TODO: status 422, code 'VALIDATION_FAILED', exposed; keep the field errors.
    super('invalid request', options);
    this.errors = [];
    void errors;
  }
}

export class ConflictError extends AppError {
  constructor(message: string, options?: ErrorOptions) {
    // TODO: status 409, code 'CONFLICT', exposed.
    super(message, options);
  }
}
