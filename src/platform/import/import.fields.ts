// Field parsers every importer's row check shares: text, whole numbers, ISO times and choices, each
// adding a named problem instead of throwing, so one pass reports every bad field of a row.
import type { RejectedRow } from './import.schema.js';

/** Collects the problems of one row; `field` is the column name as the file spells it. */
export class RowProblems {
  readonly list: Array<{ field: string; reason: string }> = [];
  add(field: string, reason: string): void {
    this.list.push({ field, reason });
  }
  get ok(): boolean {
    return this.list.length === 0;
  }
}

/** A trimmed text field; undefined when absent. */
export function textField(
  p: RowProblems,
  values: Record<string, unknown>,
  field: string,
  opts: { required?: boolean; max: number },
): string | undefined {
  const raw = values[field];
  if (raw === undefined) {
    if (opts.required) p.add(field, 'required');
    return undefined;
  }
  if (typeof raw !== 'string' && typeof raw !== 'number') {
    p.add(field, 'expected text');
    return undefined;
  }
  const s = String(raw).trim();
  if (s === '') {
    if (opts.required) p.add(field, 'required');
    return undefined;
  }
  if (s.length > opts.max) {
    p.add(field, `longer than ${opts.max} characters`);
    return undefined;
  }
  return s;
}

/** A whole number (text or JSON number) within bounds; undefined when absent. */
export function intField(
  p: RowProblems,
  values: Record<string, unknown>,
  field: string,
  opts: { required?: boolean; min: number; max?: number },
): number | undefined {
  const raw = values[field];
  if (raw === undefined) {
    if (opts.required) p.add(field, 'required');
    return undefined;
  }
  let n: number;
  if (typeof raw === 'number') n = raw;
  else if (typeof raw === 'string' && /^\s*[-+]?\d+\s*$/.test(raw)) n = Number(raw);
  else {
    p.add(field, 'expected a whole number (minor units, no decimal point)');
    return undefined;
  }
  const max = opts.max ?? Number.MAX_SAFE_INTEGER;
  if (!Number.isSafeInteger(n)) p.add(field, 'expected a whole number');
  else if (n < opts.min) p.add(field, `must be at least ${opts.min}`);
  else if (n > max) p.add(field, `must be at most ${max}`);
  else return n;
  return undefined;
}

const ISO_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/;

/**
 * An ISO-8601 time with an offset (`2025-03-01T10:00:00Z`, `…+01:00`) or a date (`2025-03-01`,
 * midnight UTC), normalised to UTC `…Z`; undefined when absent or invalid.
 */
export function timeField(
  p: RowProblems,
  values: Record<string, unknown>,
  field: string,
  opts: { required?: boolean },
): string | undefined {
  const raw = values[field];
  if (raw === undefined) {
    if (opts.required) p.add(field, 'required');
    return undefined;
  }
  const s = typeof raw === 'string' ? raw.trim() : '';
  const m = ISO_TIME.exec(s);
  if (m) {
    const y = Number(m[1]);
    const mo = Number(m[2]);
    const d = Number(m[3]);
    const day = new Date(Date.UTC(y, mo - 1, d));
    if (day.getUTCMonth() === mo - 1 && day.getUTCDate() === d) {
      const t = m[4] === undefined ? day : new Date(s.replace(' ', 'T'));
      if (!Number.isNaN(t.getTime())) return t.toISOString();
    }
  }
  p.add(field, 'expected an ISO-8601 time with offset (2025-03-01T10:00:00Z) or a date (2025-03-01)');
  return undefined;
}

/** One of the allowed values; undefined when absent or not allowed. */
export function choiceField<T extends string>(
  p: RowProblems,
  values: Record<string, unknown>,
  field: string,
  allowed: readonly T[],
  opts: { required?: boolean },
): T | undefined {
  const s = textField(p, values, field, { required: opts.required, max: 100 });
  if (s === undefined) return undefined;
  const v = s.toLowerCase() as T;
  if (allowed.includes(v)) return v;
  p.add(field, `expected one of ${allowed.join(', ')}`);
  return undefined;
}

/** Formats a rejected row for people: `line 7: currency: expected EUR`. */
export function formatRejectedRow(r: RejectedRow): string {
  return `line ${r.line}: ${r.field}: ${r.reason}`;
}
