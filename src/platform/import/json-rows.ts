// The JSON readers of imports: a JSON array of objects (streamed by @streamparser/json) or NDJSON (one
// object per line), one row per object, each named by the line its object starts on.
import fs from 'node:fs';
import readline from 'node:readline';
import { Tokenizer, TokenParser, TokenType } from '@streamparser/json';
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

/**
 * JSON.parse's message without the line's text, which V8 quotes in some messages (`Unexpected token 'm',
 * "max@example.de" is not valid JSON`): a report (stored for asynchronous imports) keeps no customer data.
 */
function withoutQuotedText(err: Error): string {
  return err.message.replace(/, ".*" is not valid JSON$/s, '');
}

const BOM = [0xef, 0xbb, 0xbf];
const isBlank = (b: number) => b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d;

/**
 * Whether a JSON import file is an array (its first character, after a BOM and blanks, is `[`) or
 * NDJSON. Reads only up to that character.
 */
export function jsonShapeOf(file: string): 'array' | 'ndjson' {
  const fd = fs.openSync(file, 'r');
  try {
    const block = Buffer.alloc(64 * 1024);
    let position = 0;
    for (;;) {
      const n = fs.readSync(fd, block, 0, block.length, position);
      if (n === 0) return 'ndjson';
      let i = position === 0 && BOM.every((b, k) => block[k] === b) ? BOM.length : 0;
      while (i < n && isBlank(block[i])) i++;
      if (i < n) return block[i] === 0x5b ? 'array' : 'ndjson';
      position += n;
    }
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * NDJSON: each non-blank line is one JSON value (JSON.parse, like every JSONL reader). A line that is
 * not JSON rejects that row only; the line number is the file's.
 */
export async function* ndjsonRows(stream: fs.ReadStream, columns: Columns): AsyncGenerator<SourceRow> {
  const lines = readline.createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY });
  let line = 0;
  try {
    for await (const text of lines) {
      line++;
      // trim() also drops a BOM at the start of the file.
      const json = text.trim();
      if (!json) continue;
      let parsed: unknown;
      try {
        parsed = JSON.parse(json);
      } catch (err) {
        yield {
          line,
          problem: { field: '(row)', reason: `not valid JSON: ${withoutQuotedText(err as Error)}` },
        };
        continue;
      }
      yield jsonRow(line, parsed, columns);
    }
  } finally {
    lines.close();
    stream.destroy();
  }
}

/**
 * Line numbers of byte offsets in a stream fed chunk by chunk, for offsets that only grow. A token
 * that began in an earlier chunk has no line break inside it (JSON strings and numbers cannot), so
 * it lies on the line the current chunk starts on.
 */
class LineCounter {
  private chunk: Buffer = Buffer.alloc(0);
  private base = 0;
  private linesBefore = 0;
  private scanned = 0;
  private linesScanned = 0;

  next(chunk: Buffer): void {
    this.linesBefore += this.linesScanned + count(this.chunk, this.scanned, this.chunk.length);
    this.base += this.chunk.length;
    this.chunk = chunk;
    this.scanned = 0;
    this.linesScanned = 0;
  }

  lineOf(offset: number): number {
    const at = Math.min(offset - this.base, this.chunk.length);
    if (at <= 0) return this.linesBefore + 1;
    if (at < this.scanned) return this.linesBefore + count(this.chunk, 0, at) + 1;
    this.linesScanned += count(this.chunk, this.scanned, at);
    this.scanned = at;
    return this.linesBefore + this.linesScanned + 1;
  }
}

function count(buf: Buffer, from: number, to: number): number {
  let n = 0;
  for (let i = buf.indexOf(0x0a, from); i !== -1 && i < to; i = buf.indexOf(0x0a, i + 1)) n++;
  return n;
}

/** The tokenizer names the byte where it stopped ("absolute position "7""); else the last token's. */
function errorOffset(err: Error, lastOffset: number): number {
  const m = /absolute position "(\d+)"/.exec(err.message);
  return m ? Number(m[1]) : lastOffset;
}

/**
 * A JSON array of objects (`[{...}, ...]`), parsed as a stream: only the element being read is held,
 * never the array (keepStack: false drops each emitted element from its parent). A row's line is the
 * line its element starts on. Broken JSON (a missing comma, an unclosed array, text after it) rejects
 * the whole file naming the line, as broken quoting does in a CSV file: what follows cannot be trusted.
 */
export async function* jsonArrayRows(stream: fs.ReadStream, columns: Columns): AsyncGenerator<SourceRow> {
  const lines = new LineCounter();
  // Strings gathered in a 64 KiB byte buffer instead of by string concatenation: about a third less
  // CPU on the benchmark's file (bench/purchase-import.ts json), and faster than the old scanner.
  const tokenizer = new Tokenizer({ stringBufferSize: 64 * 1024 });
  const parser = new TokenParser({ paths: ['$.*'], keepStack: false });
  let depth = 0;
  let closed = false;
  let elementLine = 0;
  let lastOffset = 0;
  let ready: SourceRow[] = [];
  tokenizer.onToken = (t) => {
    lastOffset = t.offset;
    if (depth === 1 && t.token !== TokenType.COMMA && t.token !== TokenType.RIGHT_BRACKET)
      elementLine = lines.lineOf(t.offset);
    if (t.token === TokenType.LEFT_BRACE || t.token === TokenType.LEFT_BRACKET) depth++;
    else if (t.token === TokenType.RIGHT_BRACE || t.token === TokenType.RIGHT_BRACKET) {
      depth--;
      if (depth === 0) closed = true;
    }
    parser.write(t);
  };
  parser.onValue = ({ value }) => {
    ready.push(jsonRow(elementLine, value, columns));
  };
  // The line replaces the tokenizer's byte positions in its message ('Unexpected "x" at chunk position…').
  const broken = (err: Error) =>
    fileError(
      'file',
      `line ${lines.lineOf(errorOffset(err, lastOffset))}: not valid JSON: ${err.message.replace(/ at chunk position.*$/, '')}`,
    );

  // The tokenizer skips a BOM but does not count it in its offsets: drop it here (it may be split
  // over the first chunks), so the line counter sees the bytes the tokenizer counts.
  let bomSeen = 0;
  try {
    for await (const data of stream as AsyncIterable<Buffer>) {
      let chunk = data;
      if (bomSeen < BOM.length) {
        let k = 0;
        while (k < chunk.length && bomSeen < BOM.length && chunk[k] === BOM[bomSeen]) {
          k++;
          bomSeen++;
        }
        if (k < chunk.length) bomSeen = BOM.length;
        chunk = chunk.subarray(k);
      }
      lines.next(chunk);
      try {
        tokenizer.write(chunk);
      } catch (err) {
        throw broken(err as Error);
      }
      if (ready.length > 0) {
        yield* ready;
        ready = [];
      }
    }
    try {
      tokenizer.end();
    } catch (err) {
      throw broken(err as Error);
    }
    yield* ready;
  } finally {
    stream.destroy();
  }
  if (!closed) throw fileError('file', `line ${lines.lineOf(lastOffset)}: the JSON array is not closed`);
}
