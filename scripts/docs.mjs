// Regenerates the README's rule table from rule metadata: `npm run docs`.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { RULES } from '../dist/rules/index.js';
import { replaceRuleTable } from '../dist/src/rule-table.js';

const readme = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'README.md');
fs.writeFileSync(readme, replaceRuleTable(fs.readFileSync(readme, 'utf8'), RULES));
