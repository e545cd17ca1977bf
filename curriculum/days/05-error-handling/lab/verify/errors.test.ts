import { describe, expect, it } from 'vitest';
import { importTarget } from 'nodeprep/testkit';

const { AppError, NotFoundError, ValidationError, ConflictError } = await importTarget<typeof import('../solution/errors.js')>('errors.ts');

describe('errors.ts: the operational error hierarchy', () => {
  it('NotFoundError, ValidationError and ConflictError are AppErrors with a status, a code, expose and their class name', () => {
    const cases = [
      { err: new NotFoundError('user 42'), name: 'NotFoundError', status: 404, code: 'NOT_FOUND', message: 'user 42 not found' },
      { err: new ValidationError([{ field: 'email', message: 'must be an email address' }]), name: 'ValidationError', status: 422, code: 'VALIDATION_FAILED' },
      { err: new ConflictError('email taken'), name: 'ConflictError', status: 409, code: 'CONFLICT', message: 'email taken' },
    ];
    for (const c of cases) {
      expect(c.err instanceof AppError && c.err instanceof Error, `${c.name} must extend AppError (and so Error)`).toBe(true);
      expect(c.err.name, `${c.name}'s name must be its class name (set this.name = new.target.name), so logs and stacks say what it is`).toBe(c.name);
      expect(c.err.status, `${c.name} must carry status ${c.status}`).toBe(c.status);
      expect(c.err.code, `${c.name} must carry the stable code ${c.code}`).toBe(c.code);
      expect(c.err.expose, `${c.name}'s message is written for the client, so expose must be true`).toBe(true);
      if (c.message) expect(c.err.message, `${c.name}'s message`).toBe(c.message);
    }
    const fields = [{ field: 'name', message: 'must not be empty' }, { field: 'email', message: 'must be an email address' }];
    expect(new ValidationError(fields).errors, 'ValidationError keeps the field errors it was given, in order, as `errors`').toEqual(fields);
  });

  it('a bare AppError is a 500 whose message is not for the client, and it keeps the original error as `cause`', () => {
    const plain = new AppError('pool exhausted');
    expect([plain.status, plain.code, plain.expose], 'new AppError(message) defaults to status 500, code "INTERNAL", expose false').toEqual([500, 'INTERNAL', false]);
    expect(plain.name, 'AppError.name').toBe('AppError');
    const original = Object.assign(new Error('connect ECONNREFUSED 10.0.3.7:5432'), { code: 'ECONNREFUSED' });
    const wrapped = new AppError('database unavailable', { status: 503, code: 'DB_DOWN', cause: original });
    expect([wrapped.status, wrapped.code], 'the status and code options are used').toEqual([503, 'DB_DOWN']);
    expect(wrapped.cause, 'the cause option must be kept as error.cause (ES2022), the very object').toBe(original);
    expect(new NotFoundError('user 7', { cause: original }).cause, 'subclasses pass `cause` through too').toBe(original);
    expect(Object.hasOwn(new NotFoundError('user 7'), 'cause'), 'without a cause option there must be no own `cause` property (passing { cause: undefined } creates one)').toBe(false);
  });
});
