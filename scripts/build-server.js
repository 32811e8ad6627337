// `npm run build:server`: compiles src/ to dist/ (tsconfig.build.json) and copies the files the
// server reads at run time that tsc does not emit (any non-TypeScript file outside tests), so
// `node dist/cli/main.js` finds them beside its modules. Starts from an empty dist/, so a module
// that was moved or deleted does not linger there.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const src = path.join(root, 'src');
const dist = path.join(root, 'dist');

fs.rmSync(dist, { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
try {
  execFileSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
} catch {
  process.exit(1); // tsc printed the errors
}

let copied = 0;
for (const entry of fs.readdirSync(src, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || /\.(ts|tsx)$/.test(entry.name) || entry.name.includes('.test.')) continue;
  const from = path.join(entry.parentPath, entry.name);
  const to = path.join(dist, path.relative(src, from));
  if (fs.existsSync(to)) continue;
  fs.mkdirSync(path.dirname(to), { recursive: true });
  fs.copyFileSync(from, to);
  copied++;
}
process.stdout.write(`server built into dist/ (${copied} asset file(s) copied beside the modules)\n`);
