// The stored upload of an asynchronous import: the file in chunks in the database (so any instance's
// worker can run the import), written in the transaction that queues the import, read back to a temp
// file by the job, and deleted when the import ends — it holds customer data.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Ctx } from '../context.js';

/** Bytes per stored chunk: a few round trips per gigabyte, small enough for one statement. */
export const UPLOAD_CHUNK_BYTES = 4 * 1024 * 1024;

/** Stores the file's bytes as the upload of import `importId`, one chunk at a time; answers the chunks. */
export async function storeUpload(ctx: Ctx, importId: string, file: string): Promise<number> {
  let seq = 0;
  for await (const chunk of fs.createReadStream(file, { highWaterMark: UPLOAD_CHUNK_BYTES })) {
    await ctx.db
      .insertInto('import_uploads')
      .values({ import_id: importId, seq, data: chunk as Buffer })
      .execute();
    seq++;
  }
  return seq;
}

/** Writes the stored upload to a new temp file, one chunk in memory at a time; answers its path. */
export async function readUploadToFile(ctx: Ctx, importId: string): Promise<string> {
  const file = path.join(os.tmpdir(), `stammkunde-import-${randomUUID()}`);
  const out = fs.createWriteStream(file);
  try {
    for (let seq = 0; ; seq++) {
      const row = await ctx.db
        .selectFrom('import_uploads')
        .select('data')
        .where('import_id', '=', importId)
        .where('seq', '=', seq)
        .executeTakeFirst();
      if (!row) break;
      if (!out.write(Buffer.from(row.data))) await new Promise<void>((r) => out.once('drain', () => r()));
    }
    await new Promise<void>((resolve, reject) =>
      out.end((err?: Error | null) => (err ? reject(err) : resolve())),
    );
    return file;
  } catch (err) {
    out.destroy();
    await fs.promises.rm(file, { force: true });
    throw err;
  }
}

/** Deletes the stored upload of an import (when it ends). */
export async function deleteUpload(ctx: Ctx, importId: string): Promise<void> {
  await ctx.db.deleteFrom('import_uploads').where('import_id', '=', importId).execute();
}
