import path from 'node:path';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { formatGitlab } from '../../src/report/gitlab.js';
import { formatJunit } from '../../src/report/junit.js';
import { reportInputOf } from '../../src/report/types.js';
import { lint } from '../../src/run.js';
import { repoRoot, tempProject } from '../helpers.js';

/**
 * GitLab's Code Quality report format as its documentation states it
 * (docs.gitlab.com/ci/testing/code_quality/#code-quality-report-format): an array of issues with
 * `description`, `check_name`, a `fingerprint` unique in the report, `severity` among info,
 * minor, major, critical, blocker, and `location.path` with `location.lines.begin`.
 */
const GITLAB_SCHEMA = {
  type: 'array',
  items: {
    type: 'object',
    required: ['description', 'check_name', 'fingerprint', 'severity', 'location'],
    properties: {
      description: { type: 'string', minLength: 1 },
      check_name: { type: 'string', minLength: 1 },
      fingerprint: { type: 'string', minLength: 1 },
      severity: { enum: ['info', 'minor', 'major', 'critical', 'blocker'] },
      location: {
        type: 'object',
        required: ['path', 'lines'],
        properties: {
          path: { type: 'string', minLength: 1, not: { pattern: '^(/|\\./|[A-Za-z]:)' } },
          lines: { type: 'object', required: ['begin'], properties: { begin: { type: 'integer', minimum: 1 }, end: { type: 'integer', minimum: 1 } } },
        },
      },
    },
  },
};
const validateGitlab = new Ajv.default({ allErrors: true }).compile(GITLAB_SCHEMA);

const PROJECT = {
  'svc/serverless.yml': `service: s
provider:
  name: aws
  iam:
    role:
      statements:
        - Effect: Allow
          Action: ["s3:*", "sqs:*"]
          # faaslint-disable-next-line iam-no-wildcard-resource
          Resource: "*"
functions:
  f:
    handler: h.f
    runtime: java21
    environment:
      NOTE: "<&> \\" '"
`,
};

async function input(files: Record<string, string>, includeSuppressed = false) {
  const result = await lint({ paths: [tempProject(files)], config: false, now: new Date('2026-11-26T00:00:00Z') });
  return reportInputOf(result, { includeSuppressed, elapsedMs: 1234 });
}

describe('GitLab Code Quality', () => {
  it('matches GitLab\'s documented format, with unique fingerprints and what was not analysed', async () => {
    const issues = JSON.parse(formatGitlab(await input(PROJECT, true))) as { check_name: string; fingerprint: string; severity: string; location: { path: string; lines: { begin: number } } }[];
    expect(validateGitlab(issues) ? [] : validateGitlab.errors).toEqual([]);
    expect(new Set(issues.map((i) => i.fingerprint)).size).toBe(issues.length);
    expect(issues.map((i) => `${i.check_name} ${i.severity} ${i.location.path}:${i.location.lines.begin}`)).toEqual(
      expect.arrayContaining([
        'iam-no-wildcard-action major svc/serverless.yml:8',
        'iam-no-wildcard-resource info svc/serverless.yml:10',
        'faaslint/not-analysed info svc/serverless.yml:12',
      ]),
    );
  });

  it('the example app, and a clean scan (an empty array)', async () => {
    const example = JSON.parse(formatGitlab(reportInputOf(await lint({ paths: [path.join(repoRoot, 'fixtures/projects/example-app')], config: false }))));
    expect(validateGitlab(example) ? [] : validateGitlab.errors).toEqual([]);
    expect(example.length).toBeGreaterThan(5);
    const clean = await input({ 'serverless.yml': 'service: s\nprovider:\n  name: aws\n' });
    expect(formatGitlab(clean)).toBe('[]\n');
  });
});

/** A strict reader of the XML subset JUnit reports use: elements, attributes, text, the five entities. */
function parseXml(text: string): { name: string; attrs: Record<string, string>; children: unknown[]; text: string } {
  const body = text.replace(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n/, '');
  type El = { name: string; attrs: Record<string, string>; children: El[]; text: string };
  const root: El = { name: '#document', attrs: {}, children: [], text: '' };
  const stack: El[] = [root];
  const entity = (s: string) => {
    expect(s, 'raw & or <').not.toMatch(/<|&(?!(amp|lt|gt|quot|apos);)/);
    return s.replace(/&(amp|lt|gt|quot|apos);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" })[e]!);
  };
  const token = /<(\/?)([A-Za-z_][\w.-]*)((?:\s+[A-Za-z_][\w.-]*="[^"<]*")*)\s*(\/?)>|([^<]+)/gy;
  let m: RegExpExecArray | null;
  let at = 0;
  while (at < body.length && (m = token.exec(body))) {
    at = token.lastIndex;
    if (m[5] !== undefined) {
      stack.at(-1)!.text += entity(m[5]);
      continue;
    }
    if (m[1]) {
      const open = stack.pop()!;
      expect(open.name, 'mismatched end tag').toBe(m[2]);
      continue;
    }
    const attrs: Record<string, string> = {};
    for (const a of m[3]!.matchAll(/([A-Za-z_][\w.-]*)="([^"]*)"/g)) {
      expect(attrs[a[1]!], `duplicate attribute ${a[1]}`).toBeUndefined();
      attrs[a[1]!] = entity(a[2]!);
    }
    const el: El = { name: m[2]!, attrs, children: [], text: '' };
    stack.at(-1)!.children.push(el);
    if (!m[4]) stack.push(el);
  }
  expect(at, 'unparsable XML').toBe(body.length);
  expect(stack).toHaveLength(1);
  expect(root.children.filter((c) => c.name)).toHaveLength(1);
  return root.children[0]!;
}

describe('JUnit XML', () => {
  type El = { name: string; attrs: Record<string, string>; children: El[]; text: string };
  const all = (el: El, name: string): El[] => [...(el.name === name ? [el] : []), ...el.children.flatMap((c) => all(c, name))];

  it('is well-formed, and its counts add up: a failure per finding, skipped cases for suppressed and not analysed', async () => {
    const doc = parseXml(formatJunit(await input(PROJECT, true))) as El;
    expect(doc.name).toBe('testsuites');
    const cases = all(doc, 'testcase');
    expect(Number(doc.attrs.tests)).toBe(cases.length);
    expect(Number(doc.attrs.failures)).toBe(all(doc, 'failure').length);
    expect(all(doc, 'testsuite').reduce((n, s) => n + Number(s.attrs.skipped), 0)).toBe(all(doc, 'skipped').length);
    for (const suite of all(doc, 'testsuite')) {
      expect(Number(suite.attrs.tests), suite.attrs.name).toBe(all(suite, 'testcase').length);
      expect(Number(suite.attrs.failures), suite.attrs.name).toBe(all(suite, 'failure').length);
    }
    const failure = all(doc, 'failure').find((f) => f.text.includes('iam-no-wildcard-action'))!;
    expect(failure.attrs.type).toBe('error');
    expect(failure.text).toMatch(/^svc\/serverless\.yml:8:\d+ error iam-no-wildcard-action\n/);
    expect(all(doc, 'skipped').map((s) => s.text)).toEqual(expect.arrayContaining([expect.stringMatching(/^suppressed: no reason given$/), expect.stringMatching(/^not analysed: runtime java21/)]));
    expect(doc.attrs.time).toBe('1.234');
  });

  it('a clean scan is one passing test case', async () => {
    const doc = parseXml(formatJunit(await input({ 'serverless.yml': 'service: s\nprovider:\n  name: aws\n' }))) as El;
    expect(doc.attrs).toMatchObject({ tests: '1', failures: '0' });
    expect(all(doc, 'testcase')[0]!.attrs.name).toBe('1 config file and 0 handler files: no problems');
  });

  it('escapes what XML cannot hold raw', async () => {
    const finding = { ruleId: 'x', severity: 'error' as const, message: 'a < b && "c" \u0001 \'d\'', location: { file: 'a&b.yml', line: 1, column: 1, endLine: 1, endColumn: 2 } };
    const text = formatJunit({ root: repoRoot, findings: [finding], suppressed: [], includeSuppressed: false, baselined: 0, staleBaselineEntries: 0, rules: [], filesAnalysed: 1, handlerFilesAnalysed: 0, notAnalysed: [] });
    const doc = parseXml(text) as El;
    expect(all(doc, 'failure')[0]!.attrs.message).toBe('a < b && "c"  \'d\'');
    expect(all(doc, 'testsuite')[0]!.attrs.name).toBe('a&b.yml');
  });
});
