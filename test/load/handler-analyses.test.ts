import { describe, expect, it } from 'vitest';
import { exportFacts } from '../../src/load/handler/facts.js';
import { moduleInfo, type ModuleInfo } from '../../src/load/handler/modules.js';
import { parseModule } from '../../src/load/handler/parse.js';
import { findExport } from '../../src/load/handler/reach.js';

/** One in-memory module, as an ESLint rule would have it: parsed elsewhere, no file system, no imports followed. */
function inMemory(text: string): { module: ModuleInfo; modules: { get(file: string): ModuleInfo | undefined } } {
  const file = '/virtual/handler.mjs';
  const module = moduleInfo({ file, rel: 'handler.mjs', text }, parseModule(text, file), () => undefined);
  return { module, modules: { get: (f) => (f === file ? module : undefined) } };
}

describe('handler analyses on a program parsed elsewhere', () => {
  it('run without reading files: each analysis reports what it finds, located in the program', () => {
    const { module, modules } = inMemory(
      [
        "import { S3Client, PutObjectCommand } from '@aws-sdk/client-s3';",
        "import fs from 'node:fs';",
        'const s3 = new S3Client({});',
        'let lastUser;',
        "const API_KEY = 'AKIA2E0A8F3B244C9986';",
        'export const handler = async (event) => {',
        '  lastUser = event.user;',
        "  fs.writeFileSync('/tmp/out.json', '{}');",
        "  s3.send(new PutObjectCommand({ Bucket: 'b', Key: 'k' }));",
        '  return { ok: true };',
        '};',
      ].join('\n'),
    );
    const facts = exportFacts(module, findExport(module, 'handler', modules), modules);
    expect(facts.complete).toBe(true);
    expect(facts.moduleStateWrites.map((w) => [w.variable, w.loc.line, w.eventDerived])).toEqual([['lastUser', 7, true]]);
    expect(facts.tmpWrites.map((w) => [w.path, w.loc.line, w.removed])).toEqual([["'/tmp/out.json'", 8, false]]);
    expect(facts.backgroundWork.map((w) => [w.kind, w.loc.line])).toEqual([['floating-promise', 9]]);
    expect(facts.hardcodedSecrets.map((s) => [s.name, s.loc.line])).toEqual([['API_KEY', 5]]);
    expect(facts.sdkCalls.map((c) => [c.operation, c.actions, c.loc.line])).toEqual([['s3:PutObject', ['s3:PutObject'], 9]]);
  });

  it('an export that is not there leaves the facts incomplete, with only literals checked', () => {
    const { module, modules } = inMemory("const password = 'hunter2hunter2';\nexport const other = () => 1;\n");
    const facts = exportFacts(module, findExport(module, 'handler', modules), modules);
    expect(facts.complete).toBe(false);
    expect(facts.sdkGaps).toEqual(['the handler export was not found']);
    expect(facts.hardcodedSecrets.map((s) => [s.kind, s.loc.line])).toEqual([['secret-named literal', 1]]);
  });
});
