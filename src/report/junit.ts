import type { Finding } from '../engine/finding.js';
import { packageVersion } from '../package-info.js';
import type { ReportInput } from './types.js';

/** Text as XML 1.0 allows it: the five special characters escaped, characters XML cannot hold dropped. */
function xml(text: string): string {
  return text
    .replace(/[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function testcase(f: Finding): string {
  const where = `${f.location.file}:${f.location.line}:${f.location.column}`;
  const name = `${f.ruleId} ${where}`;
  const body = `${where} ${f.severity} ${f.ruleId}\n${f.message}`;
  if (f.suppression) {
    return `    <testcase name="${xml(name)}" classname="${xml(f.location.file)}" time="0">\n      <skipped>${xml(`suppressed: ${f.suppression.justification || 'no reason given'}`)}</skipped>\n    </testcase>`;
  }
  return `    <testcase name="${xml(name)}" classname="${xml(f.location.file)}" time="0">\n      <failure message="${xml(f.message)}" type="${f.severity}">${xml(body)}</failure>\n    </testcase>`;
}

/**
 * JUnit XML in the shape of Jenkins' JUnit 4 schema (junit-4.xsd, which
 * `npm run check:integration` validates against), as CI systems read test reports (GitLab `artifacts:reports:junit`, Jenkins, most
 * test-report actions): a `<testsuite>` per file with a failing `<testcase>` per finding, a
 * `faaslint: not analysed` suite of skipped cases for what was not analysed, and one passing
 * case when there is nothing to report, so a clean scan is a passed test rather than no test.
 */
export function formatJunit(input: ReportInput): string {
  const shown = input.includeSuppressed ? [...input.findings, ...input.suppressed] : input.findings;
  const byFile = new Map<string, Finding[]>();
  for (const f of shown) byFile.set(f.location.file, [...(byFile.get(f.location.file) ?? []), f]);
  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  for (const [file, list] of byFile) {
    const failed = list.filter((f) => !f.suppression).length;
    tests += list.length;
    failures += failed;
    suites.push(
      `  <testsuite name="${xml(file)}" tests="${list.length}" failures="${failed}" errors="0" skipped="${list.length - failed}" time="0">\n${list.map(testcase).join('\n')}\n  </testsuite>`,
    );
  }
  if (input.notAnalysed.length > 0) {
    const cases = input.notAnalysed.map((n) => {
      const name = n.function !== undefined ? `function ${n.function} (${n.kind})` : `${n.file} (${n.kind})`;
      return `    <testcase name="${xml(name)}" classname="${xml(n.file)}" time="0">\n      <skipped>${xml(`not analysed: ${n.reason}`)}</skipped>\n    </testcase>`;
    });
    tests += cases.length;
    suites.push(`  <testsuite name="faaslint: not analysed" tests="${cases.length}" failures="0" errors="0" skipped="${cases.length}" time="0">\n${cases.join('\n')}\n  </testsuite>`);
  }
  if (suites.length === 0) {
    tests = 1;
    const name = `${input.filesAnalysed} config file${input.filesAnalysed === 1 ? '' : 's'} and ${input.handlerFilesAnalysed} handler file${input.handlerFilesAnalysed === 1 ? '' : 's'}: no problems`;
    suites.push(`  <testsuite name="faaslint" tests="1" failures="0" errors="0" skipped="0" time="0">\n    <testcase name="${xml(name)}" classname="faaslint" time="0"/>\n  </testsuite>`);
  }
  const seconds = ((input.elapsedMs ?? 0) / 1000).toFixed(3);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="faaslint ${xml(packageVersion())}" tests="${tests}" failures="${failures}" errors="0" time="${seconds}">\n${suites.join('\n')}\n</testsuites>\n`;
}
