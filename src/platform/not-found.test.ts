// "Not found" is the only error a lookup may turn into "none": a getter's NOT_FOUND becomes null (or
// a field error), while a database failure propagates instead of passing for a missing row.
import { describe, expect, it } from 'vitest';
import { startTestApp } from '../../test/helpers/test-app.js';
import { getUser } from './auth/users.service.js';
import { AppError, invalid, nullIfNotFound, whenNotFound } from './errors.js';

describe('nullIfNotFound and whenNotFound', () => {
  it('turn a missing row into null or a field error, and let a database failure through', async () => {
    const t = await startTestApp();
    const ctx = t.ctx;
    expect(await getUser(ctx, 'usr_missing').catch(nullIfNotFound)).toBeNull();
    expect((await getUser(ctx, t.staff.agent.id).catch(nullIfNotFound))?.email).toBe(t.staff.agent.email);
    const asField = await getUser(ctx, 'usr_missing')
      .catch(whenNotFound(() => invalid('ownerId', 'no such user')))
      .catch((err: AppError) => err);
    expect(asField).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ path: 'ownerId' }] });
    await t.close();
    // The database is gone: that is not "no such user".
    await expect(getUser(ctx, t.staff.agent.id).catch(nullIfNotFound)).rejects.toThrow();
    await expect(
      getUser(ctx, 'usr_missing').catch(whenNotFound(() => invalid('x', 'y'))),
    ).rejects.not.toBeInstanceOf(AppError);
  });
});
