// Packs faaslint as it is published: `npm run pack:release [-- --out DIR]` builds, stages the
// published files with a package.json that has no scripts and no devDependencies (so installing
// it runs nothing), and packs that. Publish the tarball it prints: `npm publish <tarball>`.
// (A plain `npm pack` of the checkout keeps the checkout's postinstall, which the pre-commit
// framework relies on to build a hook installed from a tag; it is not what gets published.)
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const outIndex = process.argv.indexOf('--out');
const out = path.resolve(outIndex > 0 ? process.argv[outIndex + 1] : root);
const quiet = process.argv.includes('--quiet');
const npm = process.env.npm_execpath && /\.c?js$/.test(process.env.npm_execpath) ? [process.execPath, process.env.npm_execpath] : ['npm'];
const run = (args, cwd) => execFileSync(npm[0], [...npm.slice(1), ...args], { cwd, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });

if (!process.argv.includes('--no-build')) run(['run', 'build', '--silent'], root);
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const stage = fs.mkdtempSync(path.join(os.tmpdir(), 'faaslint-release-'));
const published = {
  name: pkg.name,
  version: pkg.version,
  description: pkg.description,
  keywords: pkg.keywords,
  homepage: pkg.homepage,
  bugs: pkg.bugs,
  repository: pkg.repository,
  license: pkg.license,
  type: pkg.type,
  bin: pkg.bin,
  main: pkg.main,
  types: pkg.types,
  exports: pkg.exports,
  engines: pkg.engines,
  dependencies: pkg.dependencies,
  peerDependencies: pkg.peerDependencies,
  peerDependenciesMeta: pkg.peerDependenciesMeta,
};
// What the checkout's `files` ships, minus the build script only a checkout needs.
const files = ['bin', 'dist', 'README.md', 'LICENSE', 'CHANGELOG.md'];
for (const f of files) fs.cpSync(path.join(root, f), path.join(stage, f), { recursive: true });
for (const rule of fs.readdirSync(path.join(root, 'rules'), { withFileTypes: true })) {
  const readme = path.join(root, 'rules', rule.name, 'README.md');
  if (rule.isDirectory() && fs.existsSync(readme)) {
    fs.mkdirSync(path.join(stage, 'rules', rule.name), { recursive: true });
    fs.copyFileSync(readme, path.join(stage, 'rules', rule.name, 'README.md'));
  }
}
fs.writeFileSync(path.join(stage, 'package.json'), `${JSON.stringify({ ...published, files: [...files, 'rules/*/README.md'] }, null, 2)}\n`);
fs.mkdirSync(out, { recursive: true });
const name = run(['pack', '--silent', '--pack-destination', out], stage).trim().split('\n').at(-1);
fs.rmSync(stage, { recursive: true, force: true });
const tarball = path.join(out, name);
process.stdout.write(quiet ? `${tarball}\n` : `packed ${tarball} (no install scripts; publish it with: npm publish ${path.relative(process.cwd(), tarball) || tarball})\n`);
