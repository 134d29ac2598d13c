// Builds dist/ after `npm ci` in a checkout (src/ present), so the README's one-command install
// and scan works: `npm run build`, the same steps as always. A package installed from a tarball
// has no src/ and nothing to build; the published package has no install script at all (see
// scripts/pack-release.mjs). This runs as `postinstall` rather than `prepare` because `npm pack`
// runs `prepare` and prints its banner on stdout, which breaks tools that read the tarball name
// from it (the pre-commit framework does, when it installs the hook from a tag).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
if (fs.existsSync(path.join(root, 'src')) && fs.existsSync(path.join(root, 'tsconfig.json'))) {
  const npm = process.env.npm_execpath;
  if (npm && /\.c?js$/.test(npm)) execFileSync(process.execPath, [npm, 'run', 'build'], { cwd: root, stdio: 'inherit' });
  else execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
}
