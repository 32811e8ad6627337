// Field messages of problem details come in the reader's language through platform/i18n.
import { describe, expect, it } from 'vitest';
import { AppError, invalid } from '../errors.js';
import { toProblem } from '../http/problem.js';
import { registerNamespace } from './i18n.js';

describe('field errors in the reader language', () => {
  it('words an English message listed under fieldErrors in German for a German reader', () => {
    expect(toProblem(invalid('customerId', 'no such customer'), 'de').errors).toEqual([
      { path: 'customerId', message: 'kein solcher Kunde' },
    ]);
    expect(toProblem(invalid('customerId', 'no such customer'), 'en').errors).toEqual([
      { path: 'customerId', message: 'no such customer' },
    ]);
  });

  it('words a field error by its key and parameters, and sends neither on', () => {
    registerNamespace('fetest', {
      de: { fieldErrors: { max: 'höchstens {{n}}' } },
      en: { fieldErrors: { max: 'at most {{n}}' } },
    });
    const err = new AppError('VALIDATION_FAILED', 'x', {
      errors: [{ path: 'n', message: 'at most 3', key: 'fetest:fieldErrors.max', params: { n: 3 } }],
    });
    expect(toProblem(err, 'de').errors).toEqual([{ path: 'n', message: 'höchstens 3' }]);
  });

  it('leaves a message nobody lists as written', () => {
    expect(toProblem(invalid('x', 'something odd'), 'de').errors).toEqual([
      { path: 'x', message: 'something odd' },
    ]);
  });
});
