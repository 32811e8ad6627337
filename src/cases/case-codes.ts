// Checks that the codes a case refers to exist: its touchpoint and root-cause categories.
import type { Ctx } from '../platform/context.js';
import { invalid, nullIfNotFound } from '../platform/errors.js';
import { getTouchpoint } from '../touchpoints/touchpoints.service.js';
import { getRootCauseCategory } from './root-causes.service.js';

/** 400 on `touchpointCode` unless the touchpoint exists (no code: nothing to check). */
export async function checkTouchpoint(ctx: Ctx, code: string | null | undefined): Promise<void> {
  if (!code) return;
  const tp = await getTouchpoint(ctx, code).catch(nullIfNotFound);
  if (!tp) throw invalid('touchpointCode', `no touchpoint ${code}`);
}

/** 400 on `path` unless the root-cause category exists (no code: nothing to check). */
export async function checkRootCause(ctx: Ctx, code: string | null | undefined, path: string): Promise<void> {
  if (!code) return;
  const cat = await getRootCauseCategory(ctx, code);
  if (!cat) throw invalid(path, `no root-cause category ${code}`);
}
