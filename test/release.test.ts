import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { repoRoot } from './helpers.js';

const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
  version: string;
  license: string;
  repository: { url: string };
  homepage: string;
  bugs: { url: string };
  files: string[];
  scripts: Record<string, string>;
};
const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');

describe('release hygiene', () => {
  it('has a LICENSE, a CHANGELOG entry for this version, and where the project lives', () => {
    expect(pkg.license).toBe('MIT');
    expect(fs.readFileSync(path.join(repoRoot, 'LICENSE'), 'utf8')).toMatch(/^MIT License\n\nCopyright \(c\) \d{4} /);
    expect(fs.readFileSync(path.join(repoRoot, 'CHANGELOG.md'), 'utf8')).toMatch(new RegExp(`^## \\[${pkg.version.replace(/\./g, '\\.')}\\] - \\d{4}-\\d{2}-\\d{2}$`, 'm'));
    expect(pkg.repository.url).toMatch(/^git\+https:\/\/github\.com\/faaslint\/faaslint\.git$/);
    expect(pkg.homepage).toMatch(/^https:\/\/github\.com\/faaslint\/faaslint/);
    expect(pkg.bugs.url).toMatch(/\/issues$/);
  });

  it('has no stray files at the root', () => {
    const expected = new Set([
      '.ci', '.git', '.github', '.gitignore', '.pre-commit-hooks.yaml', 'CHANGELOG.md', 'LICENSE', 'README.md', 'action.yml', 'bench', 'bin', 'dist', 'fixtures',
      'node_modules', 'package-lock.json', 'package.json', 'rules', 'scripts', 'src', 'test', 'tsconfig.json', 'tsconfig.test.json', 'vitest.config.ts', 'coverage',
    ]);
    const stray = fs.readdirSync(repoRoot).filter((f) => !expected.has(f) && !f.endsWith('.tgz'));
    expect(stray).toEqual([]);
  });

  it('the README installs the Action, the hook and the package at the version released', () => {
    expect(readme).toContain(`uses: faaslint/faaslint@v${pkg.version}`);
    expect(readme).toMatch(new RegExp(`repo: https://github\\.com/faaslint/faaslint\\n\\s+rev: v${pkg.version.replace(/\./g, '\\.')}\\n`));
    expect(readme).toContain(`npx --yes faaslint@${pkg.version} `);
    const hooks = parseYaml(fs.readFileSync(path.join(repoRoot, '.pre-commit-hooks.yaml'), 'utf8')) as { id: string; entry: string; language: string }[];
    expect(hooks).toEqual([expect.objectContaining({ id: 'faaslint', entry: 'faaslint scan --projects-of', language: 'node' })]);
  });

  it('the published package installs without running anything, and ships what runs', () => {
    expect(pkg.scripts.prepublishOnly).toMatch(/refuse-root-publish/);
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'faaslint-pack-'));
    const tarball = execFileSync(process.execPath, [path.join(repoRoot, 'scripts', 'pack-release.mjs'), '--no-build', '--quiet', '--out', out], { encoding: 'utf8' }).trim();
    const listing = execFileSync('tar', ['tzf', tarball], { encoding: 'utf8' }).split('\n').filter(Boolean);
    const manifest = JSON.parse(execFileSync('tar', ['xzf', tarball, '-O', 'package/package.json'], { encoding: 'utf8' })) as Record<string, unknown>;
    expect(manifest.scripts).toBeUndefined();
    expect(manifest.devDependencies).toBeUndefined();
    expect(manifest.version).toBe(pkg.version);
    // The ESLint plugin is an export of the same package; ESLint is a peer only its users install.
    expect((manifest.exports as Record<string, { default: string }>)['./eslint-plugin']?.default).toBe('./dist/src/eslint/plugin.js');
    expect(manifest.peerDependencies).toEqual({ eslint: '^9.30.0 || ^10.0.0' });
    expect(manifest.peerDependenciesMeta).toEqual({ eslint: { optional: true } });
    for (const f of ['package/bin/faaslint.js', 'package/dist/src/cli.js', 'package/dist/src/worker.js', 'package/dist/src/eslint/plugin.js', 'package/dist/config-validator.cjs', 'package/LICENSE', 'package/CHANGELOG.md', 'package/rules/iam-no-wildcard-action/README.md']) {
      expect(listing, f).toContain(f);
    }
    expect(listing.filter((f) => /^package\/(src|test|fixtures|scripts)\//.test(f))).toEqual([]);
  });
});
