// Builds dist/ after `npm ci` in a checkout (src/ present). An installed package ships dist/ and
// has no src/, so there is nothing to do. This runs as `postinstall` rather than `prepare`
// because `npm pack` runs `prepare` and prints its banner on stdout, which breaks tools that
// read the tarball name from it (the pre-commit framework does).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
if (fs.existsSync(path.join(root, 'src')) && fs.existsSync(path.join(root, 'tsconfig.json'))) {
  const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  execFileSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.json')], { stdio: 'inherit' });
  execFileSync(process.execPath, [path.join(root, 'scripts', 'build-config-validator.mjs')], { stdio: 'inherit' });
  execFileSync(process.execPath, [path.join(root, 'scripts', 'build-iam-index.mjs')], { stdio: 'inherit' });
}
