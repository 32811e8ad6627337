// multipart/form-data of the server-rendered public forms (a complaint with a few photos), read with
// busboy (the parser under @fastify/multipart): the body is buffered (the route's bodyLimit bounds
// it) and split into text fields and files.
import busboy from 'busboy';

export type MultipartFile = { field: string; filename: string; contentType: string; data: Buffer };
export type MultipartForm = { fields: Record<string, string>; files: MultipartFile[] };

export type MultipartLimits = { files?: number; fileBytes?: number; fields?: number; fieldBytes?: number };

/**
 * Splits a buffered multipart body. Empty file inputs (no filename, no bytes) are left out; the first
 * value of a repeated text field wins; a file name keeps only its last path segment. Rejects a body
 * that is not multipart (no or wrong boundary, cut off).
 */
export function parseMultipart(
  body: Buffer,
  contentType: string | undefined,
  limits: MultipartLimits = {},
): Promise<MultipartForm> {
  return new Promise((resolve, reject) => {
    const fields: Record<string, string> = {};
    const files: MultipartFile[] = [];
    let bb: busboy.Busboy;
    try {
      bb = busboy({
        headers: { 'content-type': contentType ?? '' },
        defParamCharset: 'utf8',
        limits: {
          files: limits.files,
          fileSize: limits.fileBytes,
          fields: limits.fields,
          fieldSize: limits.fieldBytes,
        },
      });
    } catch (err) {
      reject(err);
      return;
    }
    bb.on('field', (name, value) => {
      if (!(name in fields)) fields[name] = value;
    });
    bb.on('file', (field, stream, info) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const data = Buffer.concat(chunks);
        const filename = info.filename ?? '';
        if (filename === '' && data.length === 0) return;
        files.push({
          field,
          filename: filename.split(/[\\/]/).pop() ?? filename,
          contentType: (info.mimeType || 'application/octet-stream').toLowerCase(),
          data,
        });
      });
    });
    bb.on('error', reject);
    bb.on('close', () => resolve({ fields, files }));
    bb.end(body);
  });
}
