// The stored upload of an asynchronous import survives the round trip through the database byte for
// byte, across chunk boundaries, and is gone once deleted.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/helpers/test-app.js';
import { deleteUpload, readUploadToFile, UPLOAD_CHUNK_BYTES } from './import-uploads.js';
import { queueImport } from './import-runs.service.js';

describe('stored import uploads', () => {
  let t: TestApp;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stammkunde-upload-'));
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('reads back the same bytes from a file of two and a half chunks, and deletes them', async () => {
    const bytes = randomBytes(Math.floor(UPLOAD_CHUNK_BYTES * 2.5));
    const source = path.join(dir, 'upload.bin');
    fs.writeFileSync(source, bytes);
    // Queued as an import of an entity without a job handler: the job stays pending, the upload stored.
    const { id } = await queueImport(t.ctx, {
      entity: 'upload-test',
      file: source,
      format: 'csv',
      skipInvalid: false,
      bytes: bytes.length,
    });
    const chunks = () =>
      t.ctx.db.selectFrom('import_uploads').select('seq').where('import_id', '=', id).execute();
    expect((await chunks()).map((c) => c.seq)).toEqual([0, 1, 2]);
    const copy = await readUploadToFile(t.ctx, id);
    try {
      expect(fs.readFileSync(copy).equals(bytes)).toBe(true);
    } finally {
      fs.rmSync(copy, { force: true });
    }
    await deleteUpload(t.ctx, id);
    expect(await chunks()).toEqual([]);
  });
});
