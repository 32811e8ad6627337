// NUL characters (U+0000) in input: PostgreSQL cannot store them in text at all (any statement with
// one fails), so the HTTP layer and the import readers refuse them up front, naming the field, on
// both databases alike.

/** The field message for a value with a NUL character (listed under platform fieldErrors). */
export const NUL_MESSAGE = 'contains a NUL character';

/**
 * The path of the first string (or object key) holding a NUL character in a parsed value, as
 * dot-separated keys and indexes ('' for the value itself); null when there is none. Walks with its
 * own stack, so a deeply nested value (an import row's field) cannot overflow the call stack.
 */
export function nulPath(value: unknown): string | null {
  const stack: Array<[unknown, string]> = [[value, '']];
  while (stack.length > 0) {
    const [v, path] = stack.pop()!;
    if (typeof v === 'string') {
      if (v.includes('\u0000')) return path;
    } else if (v && typeof v === 'object') {
      const entries = Object.entries(v);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [k, x] = entries[i];
        const at = path ? `${path}.${k}` : k;
        if (k.includes('\u0000')) return at;
        stack.push([x, at]);
      }
    }
  }
  return null;
}
