import { Linter } from 'eslint';
import { describe, expect, it, vi } from 'vitest';
import plugin from '../../src/eslint/plugin.js';

// An analysis that throws (a bug, or a parser whose tree the analyses do not expect).
vi.mock('../../src/eslint/handler-facts.js', () => ({
  analyseHandlerFile: () => {
    throw new Error('unexpected node');
  },
}));

describe('an analysis that fails', () => {
  it('is one finding at the top of the file, said by the first rule that runs; ESLint goes on with the other files', () => {
    const linter = new Linter();
    const config = [{ ...plugin.configs.recommended, files: ['**/*.mjs'] }];
    for (const filename of ['a.mjs', 'b.mjs']) {
      const messages = linter.verify('export const handler = async () => 1;', config, { filename });
      expect(messages.map((m) => [m.ruleId, m.line, m.column, m.messageId, m.message])).toEqual([
        ['faaslint/handler-no-module-state', 1, 1, 'analysisFailed', 'faaslint could not analyse this file (please report it): unexpected node'],
      ]);
    }
  });
});
