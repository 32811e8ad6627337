// Cursor pagination: answers { items, nextCursor } (the ?limit=&cursor= query is pageQuery in field-schemas.ts).
import { z } from 'zod';
import { AppError } from '../errors.js';

export const pageOf = <T extends z.ZodTypeAny>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });

export function encodeCursor(values: unknown[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export function decodeCursor(cursor: string | undefined): unknown[] | null {
  if (!cursor) return null;
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!Array.isArray(v)) throw new Error('not an array');
    return v;
  } catch {
    throw new AppError('VALIDATION_FAILED', 'cursor: not a cursor this API issued', {
      errors: [{ path: 'cursor', message: 'invalid cursor' }],
    });
  }
}

/** Splits the limit+1 rows a query fetched into a page and the cursor of the next one. */
export function toPage<R, T>(rows: R[], limit: number, map: (r: R) => T, cursorOf: (r: R) => unknown[]) {
  const more = rows.length > limit;
  const pageRows = more ? rows.slice(0, limit) : rows;
  return {
    items: pageRows.map(map),
    nextCursor: more ? encodeCursor(cursorOf(pageRows[pageRows.length - 1])) : null,
  };
}
