import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../rules/index.js';
import { lint } from '../src/run.js';
import { repoRoot, tempProject } from './helpers.js';

/**
 * Rule READMEs are run, as typescript-eslint runs its docs: the Bad example must produce the
 * rule's finding and the Good example none. Each fenced block of a section is a file of a small
 * project: a YAML block is `template.yaml` when it has top-level `Resources:`, else
 * `serverless.yml`; JavaScript, TypeScript and Python blocks are `handler.<ext>`, and get a
 * serverless.yml pointing at `handler.handler` when the section has no config. A second word in
 * the fence names the file instead (```` ```js src/orders.js ````).
 */

const FIXED_DATE = new Date('2026-11-26T00:00:00Z');
const EXTENSIONS: Readonly<Record<string, string>> = { js: 'js', mjs: 'mjs', ts: 'ts', python: 'py', py: 'py' };

interface Block {
  readonly lang: string;
  readonly file: string | undefined;
  readonly text: string;
}

function readme(id: string): string {
  return fs.readFileSync(path.join(repoRoot, 'rules', id, 'README.md'), 'utf8');
}

/** The examples under `## <heading>`, up to the next `## ` heading: its blocks, and each `### ` subsection's (another language) on its own. */
function examplesUnder(text: string, heading: string): Block[][] {
  const start = text.search(new RegExp(`^## ${heading}\\s*$`, 'm'));
  if (start < 0) return [];
  const rest = text.slice(start + heading.length + 3);
  const end = rest.search(/^## /m);
  const section = end < 0 ? rest : rest.slice(0, end);
  return section
    .split(/^### .*$/m)
    .map((part) => [...part.matchAll(/^```(\w+)(?:[ \t]+(\S+))?[ \t]*\n([\s\S]*?)^```\s*$/gm)].map((m) => ({ lang: m[1]!, file: m[2], text: m[3]! })))
    .filter((blocks) => blocks.length > 0);
}

function projectOf(blocks: readonly Block[]): Record<string, string> {
  const files: Record<string, string> = {};
  for (const b of blocks) {
    const name =
      b.file ??
      (b.lang === 'yaml' ? (/^(Resources|AWSTemplateFormatVersion|Transform):/m.test(b.text) ? 'template.yaml' : 'serverless.yml') : b.lang === 'json' ? 'template.json' : `handler.${EXTENSIONS[b.lang] ?? b.lang}`);
    if (name in files) throw new Error(`two blocks would both be ${name}: name one in its fence`);
    files[name] = b.text;
  }
  const hasConfig = Object.keys(files).some((f) => /(serverless\.ya?ml|template\.(ya?ml|json))$/.test(f));
  const code = Object.keys(files).find((f) => /^handler\.(m?js|ts|py)$/.test(f));
  if (!hasConfig && code) {
    const runtime = code.endsWith('.py') ? 'python3.12' : 'nodejs22.x';
    files['serverless.yml'] = `service: example\nprovider:\n  name: aws\n  runtime: ${runtime}\nfunctions:\n  example:\n    handler: handler.handler\n`;
  }
  return files;
}

async function findingsOf(ruleId: string, blocks: readonly Block[]) {
  const rule = RULES.find((r) => r.id === ruleId)!;
  const dir = tempProject(projectOf(blocks), 'faaslint-doc-');
  const result = await lint({ paths: [dir], rules: [rule], config: false, now: FIXED_DATE, stage: 'dev' });
  fs.rmSync(dir, { recursive: true, force: true });
  return result.findings;
}

describe('rule READMEs', () => {
  it.each(RULES.map((r) => [r.id] as const))('%s: the Bad examples are reported, the Good ones are not', async (id) => {
    const text = readme(id);
    const bad = examplesUnder(text, 'Bad');
    const good = examplesUnder(text, 'Good');
    expect(bad.length, 'a Bad example').toBeGreaterThan(0);
    expect(good.length, 'a Good example').toBeGreaterThan(0);
    for (const example of bad) {
      const findings = await findingsOf(id, example);
      // Examples must be valid input: a parse error would make a Good example pass for the wrong reason.
      expect(findings.filter((f) => f.ruleId.startsWith('faaslint/')).map((f) => f.message)).toEqual([]);
      expect(findings.filter((f) => f.ruleId === id).length, `findings of the Bad ${example[0]!.lang} example`).toBeGreaterThan(0);
    }
    for (const example of good) {
      const findings = await findingsOf(id, example);
      expect(findings.filter((f) => f.ruleId.startsWith('faaslint/')).map((f) => f.message)).toEqual([]);
      expect(findings.filter((f) => f.ruleId === id).map((f) => f.message), `the Good ${example[0]!.lang} example`).toEqual([]);
    }
  });

  const FORMAT_NAMES: Readonly<Record<string, RegExp>> = {
    serverless: /serverless\.yml/,
    sam: /\bSAM\b/,
    cloudformation: /CloudFormation/,
    handler: /handlers?\b/i,
  };

  it.each(RULES.map((r) => [r.id] as const))('%s: the header says what the metadata says', (id) => {
    const rule = RULES.find((r) => r.id === id)!;
    const header = /^\*\*Severity:\*\* (.*?) · \*\*CWE:\*\* (.*?) · \*\*Applies to:\*\* (.*)$/m.exec(readme(id));
    expect(header, 'a "**Severity:** … · **CWE:** … · **Applies to:** …" line').not.toBeNull();
    const [, severity, cwe, appliesTo] = header!;
    // The default severity comes first; some rules say when a finding is raised or lowered.
    expect(severity!.split(/[ ;]/)[0]).toBe(rule.meta.severity);
    expect(cwe!.split(/,\s*/)).toEqual([...rule.meta.cwe]);
    for (const kind of rule.meta.appliesTo) expect(appliesTo, kind).toMatch(FORMAT_NAMES[kind]!);
  });
});
