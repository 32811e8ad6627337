// The JSON readers of imports: a JSON array of objects or NDJSON, one row per object, each named by the
// line its object starts on.
import type fs from 'node:fs';
import { type Columns, fileError, type SourceRow } from './source-row.js';

const snake = (k: string) => k.replace(/[A-Z]/g, (m) => `_${m.toLowerCase()}`);

/** Maps a parsed JSON element to a row: camelCase keys become the CSV column names; null means absent. */
function jsonRow(line: number, parsed: unknown, columns: Columns): SourceRow {
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    return { line, problem: { field: '(row)', reason: 'expected an object' } };
  }
  const values: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(parsed)) {
    const name = snake(k);
    if (!columns.known.includes(name)) return { line, problem: { field: k, reason: 'unknown field' } };
    if (v !== null && v !== '') values[name] = v;
  }
  return { line, values };
}

function parseElement(line: number, text: string, columns: Columns): SourceRow {
  try {
    return jsonRow(line, JSON.parse(text), columns);
  } catch (err) {
    return { line, problem: { field: '(row)', reason: `not valid JSON: ${(err as Error).message}` } };
  }
}

const WS = new Set([0x20, 0x09, 0x0a, 0x0d, 0xfeff]);

/**
 * A JSON array of objects (`[{...}, ...]`) or NDJSON (one object per line), told apart by the
 * first character. The array is split into elements by a small scanner, so only one element is
 * held at a time; a row's line is the line its element starts on.
 */
export async function* jsonRows(stream: fs.ReadStream, columns: Columns): AsyncGenerator<SourceRow> {
  stream.setEncoding('utf8');
  let mode: 'unknown' | 'array' | 'ndjson' = 'unknown';
  // NDJSON state
  let pending = '';
  let ndLine = 0;
  // Array scanner state
  let state = 'open' as 'open' | 'value' | 'comma' | 'element' | 'end';
  let depth = 0;
  let inString = false;
  let escaped = false;
  let parts: string[] = [];
  let elementLine = 0;
  let line = 1;
  try {
    for await (const chunk of stream as AsyncIterable<string>) {
      if (mode === 'unknown') {
        let i = 0;
        while (i < chunk.length && WS.has(chunk.charCodeAt(i))) i++;
        if (i === chunk.length) {
          pending += chunk;
          continue;
        }
        mode = chunk[i] === '[' ? 'array' : 'ndjson';
        if (mode === 'array') {
          // Leading blank lines count for line numbers.
          line += pending.split('\n').length - 1;
          pending = '';
        }
      }
      if (mode === 'ndjson') {
        const text = pending + chunk;
        let start = 0;
        let nl = text.indexOf('\n');
        while (nl !== -1) {
          ndLine++;
          const l = text.slice(start, nl).trim();
          if (l) yield parseElement(ndLine, l, columns);
          start = nl + 1;
          nl = text.indexOf('\n', start);
        }
        pending = text.slice(start);
        continue;
      }
      let segment = state === 'element' ? 0 : -1;
      for (let i = 0; i < chunk.length; i++) {
        const c = chunk.charCodeAt(i);
        if (c === 0x0a) line++;
        if (state === 'element') {
          if (inString) {
            if (escaped) escaped = false;
            else if (c === 0x5c) escaped = true;
            else if (c === 0x22) inString = false;
            if (!inString && depth === 0) {
              parts.push(chunk.slice(segment, i + 1));
              yield parseElement(elementLine, parts.join(''), columns);
              parts = [];
              state = 'comma';
            }
            continue;
          }
          if (c === 0x22) inString = true;
          else if (c === 0x7b || c === 0x5b) depth++;
          else if (c === 0x7d || c === 0x5d) {
            depth--;
            if (depth < 0) {
              // A scalar element ended by the closing bracket of the array.
              parts.push(chunk.slice(segment, i));
              yield parseElement(elementLine, parts.join(''), columns);
              parts = [];
              state = 'end';
              continue;
            }
          } else if (depth === 0 && (c === 0x2c || WS.has(c))) {
            parts.push(chunk.slice(segment, i));
            yield parseElement(elementLine, parts.join(''), columns);
            parts = [];
            state = c === 0x2c ? 'value' : 'comma';
            continue;
          }
          if (depth === 0 && (c === 0x7d || c === 0x5d)) {
            parts.push(chunk.slice(segment, i + 1));
            yield parseElement(elementLine, parts.join(''), columns);
            parts = [];
            state = 'comma';
          }
          continue;
        }
        if (WS.has(c)) continue;
        if (state === 'open') {
          if (c !== 0x5b) throw fileError('file', `line ${line}: expected [`);
          state = 'value';
        } else if (state === 'value') {
          if (c === 0x5d) {
            state = 'end';
            continue;
          }
          state = 'element';
          segment = i;
          elementLine = line;
          depth = 0;
          if (c === 0x22) inString = true;
          else if (c === 0x7b || c === 0x5b) depth = 1;
        } else if (state === 'comma') {
          if (c === 0x2c) state = 'value';
          else if (c === 0x5d) state = 'end';
          else throw fileError('file', `line ${line}: expected , or ] between elements`);
        } else if (state === 'end') {
          throw fileError('file', `line ${line}: unexpected content after the closing ]`);
        }
      }
      if (state === 'element') parts.push(chunk.slice(segment));
    }
  } finally {
    stream.destroy();
  }
  if (mode === 'ndjson') {
    const l = pending.trim();
    if (l) yield parseElement(ndLine + 1, l, columns);
  } else if (mode === 'array' && state !== 'end') {
    throw fileError('file', `line ${line}: the JSON array is not closed`);
  }
}
