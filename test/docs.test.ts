import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../rules/index.js';
import { ruleTable } from '../src/rule-table.js';
import { repoRoot } from './helpers.js';

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
