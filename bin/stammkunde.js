#!/usr/bin/env node
// The stammkunde command: runs the compiled server (`npm run build` writes dist/). In development,
// `npm run stammkunde -- <command>` runs the TypeScript sources through tsx instead.
import fs from 'node:fs';

const main = new URL('../dist/cli/main.js', import.meta.url);
if (!fs.existsSync(main)) {
  process.stderr.write(
    'stammkunde: the server is not built (dist/cli/main.js is missing).\n' +
      'Run `npm run build` first, or `npm run stammkunde -- <command>` to run the sources in development.\n',
  );
  process.exit(1);
}
await import(main.href);
