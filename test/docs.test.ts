import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../rules/index.js';
import { DIAGNOSTIC_CODES } from '../src/diagnostics.js';
import { META_RULES } from '../src/engine/meta-rules.js';
import { ruleTable } from '../src/rule-table.js';
import { repoRoot, runCli } from './helpers.js';

describe('documentation', () => {
  it('the README rule table matches rule metadata (run `npm run docs`)', () => {
    expect(fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8')).toContain(ruleTable(RULES));
  });

  it('every rule has a README with a bad and a good example', () => {
    for (const rule of RULES) {
      const text = fs.readFileSync(path.join(repoRoot, 'rules', rule.id, 'README.md'), 'utf8');
      expect(text, rule.id).toMatch(/^## Bad/m);
      expect(text, rule.id).toMatch(/^## Good/m);
    }
  });
});

describe('documentation of what is not a rule', () => {
  const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');

  it('the README lists every load diagnostic under the heading SARIF help links to', () => {
    expect(readme).toMatch(/^### Load diagnostics$/m);
    for (const code of Object.keys(DIAGNOSTIC_CODES)) expect(readme, code).toContain(`\`faaslint/${code}\``);
  });

  it('the README explains every meta rule under the heading SARIF help links to', () => {
    expect(readme).toMatch(/^### Suppressions, each with a reason$/m);
    for (const id of Object.keys(META_RULES)) expect(readme, id).toContain(`\`${id}\``);
  });
});

describe('README output blocks', () => {
  it('show what the command prints today (the time in the summary aside)', () => {
    const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
    const blocks = [...readme.matchAll(/```console\n\$ faaslint (.+)\n([\s\S]*?)```/g)];
    expect(blocks.length).toBeGreaterThan(0);
    const untimed = (text: string) => text.trimEnd().replace(/, [\d.]+ m?s\.$/m, ', <time>.');
    for (const [, command, shown] of blocks) {
      const r = runCli(command!.split(' '));
      expect(untimed(r.stdout), command).toBe(untimed(shown!));
    }
  });
});
