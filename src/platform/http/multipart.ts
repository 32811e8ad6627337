// A small multipart/form-data reader for the server-rendered public forms (a complaint with a few
// photos): the body is buffered (the route's bodyLimit bounds it) and split into text fields and
// files. Only what an HTML form sends is understood: Content-Disposition with name and filename,
// and a Content-Type per part.

export type MultipartFile = { field: string; filename: string; contentType: string; data: Buffer };
export type MultipartForm = { fields: Record<string, string>; files: MultipartFile[] };

/** The boundary of a multipart/form-data Content-Type, or null. */
export function boundaryOf(contentType: string | undefined): string | null {
  const m = /boundary=(?:"([^"]{1,70})"|([^\s;]{1,70}))/i.exec(contentType ?? '');
  return m ? (m[1] ?? m[2] ?? null) : null;
}

const param = (header: string, name: string): string | null => {
  const m = new RegExp(`;\\s*${name}="((?:[^"\\\\]|\\\\.)*)"`, 'i').exec(header);
  if (m) return m[1]!.replace(/\\(.)/g, '$1');
  const bare = new RegExp(`;\\s*${name}=([^;\\s]+)`, 'i').exec(header);
  return bare ? bare[1]! : null;
};

/**
 * Splits a buffered multipart body. Empty file inputs (no filename, no bytes) are left out; the
 * first value of a repeated text field wins. Throws on a body that is not multipart with this boundary.
 */
export function parseMultipart(body: Buffer, boundary: string): MultipartForm {
  const delimiter = Buffer.from(`--${boundary}`);
  const fields: Record<string, string> = {};
  const files: MultipartFile[] = [];
  let pos = body.indexOf(delimiter);
  if (pos < 0) throw new Error('multipart boundary not found');
  for (;;) {
    pos += delimiter.length;
    if (body.subarray(pos, pos + 2).toString('latin1') === '--') break;
    if (body.subarray(pos, pos + 2).toString('latin1') !== '\r\n')
      throw new Error('malformed multipart body');
    pos += 2;
    const headerEnd = body.indexOf('\r\n\r\n', pos);
    if (headerEnd < 0) throw new Error('malformed multipart part');
    const headers = body.subarray(pos, headerEnd).toString('utf8').split('\r\n');
    const next = body.indexOf(Buffer.from(`\r\n--${boundary}`), headerEnd + 4);
    if (next < 0) throw new Error('unterminated multipart body');
    const data = body.subarray(headerEnd + 4, next);
    const disposition = headers.find((h) => /^content-disposition:/i.test(h)) ?? '';
    const type = headers.find((h) => /^content-type:/i.test(h));
    const name = param(disposition, 'name');
    const filename = param(disposition, 'filename');
    if (name !== null) {
      if (filename !== null) {
        if (filename !== '' || data.length > 0)
          files.push({
            field: name,
            filename: filename.split(/[\\/]/).pop() ?? filename,
            contentType: type
              ? type.split(':')[1]!.trim().split(';')[0]!.toLowerCase()
              : 'application/octet-stream',
            data: Buffer.from(data),
          });
      } else if (!(name in fields)) fields[name] = data.toString('utf8');
    }
    pos = next + 2;
  }
  return { fields, files };
}
