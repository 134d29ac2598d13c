// Hostile inputs that once hung faaslint, blew up its memory or aborted the run: each is
// generated here (nothing large is stored) and run as a user would, `faaslint <dir> -f json`.
// test/hostile-cost.test.ts asserts each one's exit code and findings; bench/hostile.mjs runs
// each in a fresh process and reports its time and peak RSS.

const serverless = (body) => `service: s\nprovider:\n  name: aws\n  runtime: nodejs20.x\n${body}functions:\n  f:\n    handler: h.f\n`;
/** A config with one finding at a known line: proof that the other files are still checked. */
const CONTROL = { 'control/serverless.yml': serverless('  iamRoleStatements:\n    - Effect: Allow\n      Action: "*"\n      Resource: arn:aws:s3:::b/*\n') };
const CONTROL_FINDING = 'iam-no-wildcard-action control/serverless.yml:7';

/**
 * @typedef {object} HostileCase
 * @property {string} name
 * @property {string} item what it guards (the issue's wording)
 * @property {() => Record<string, string>} files the project, relative paths
 * @property {string[]} [paths] the paths to scan, relative to the project (default: the project itself)
 * @property {string[]} [args] extra CLI arguments (`-f json` is added)
 * @property {number} exitCode
 * @property {string[]} findings `ruleId file:line` that must all be reported
 * @property {(report: any) => string | undefined} [check] anything else about the JSON report; a message when wrong
 */

/** @type {HostileCase[]} */
export const HOSTILE_CASES = [
  {
    name: 'iam-action-glob',
    item: 'IAM action wildcards match in linear time: `s3:****************Z` and thousands of stars',
    files: () => ({
      ...CONTROL,
      'iam/serverless.yml': serverless(
        `  iamRoleStatements:\n    - Effect: Allow\n      Action:\n        - "s3:****************Z"\n        - "${'?*'.repeat(2000)}:Get*Object"\n        - "s3:${'*'.repeat(4000)}Object"\n      Resource: "*"\n`,
      ),
    }),
    exitCode: 1,
    findings: [CONTROL_FINDING, 'iam-no-wildcard-resource iam/serverless.yml:11'],
  },
  {
    name: 'ignore-globs',
    item: '`.gitignore` and config `ignore:` patterns with repeated `**/` or `*a*a*…` match without regular expressions',
    files: () => {
      const deep = `${'d/'.repeat(60)}`;
      const patterns = [`${'**/'.repeat(3000)}skipped`, `${'*a'.repeat(200)}b`, `/${'**/'.repeat(500)}*.never`];
      return {
        ...CONTROL,
        'faaslint.config.yaml': `ignore:\n${patterns.map((p) => `  - "${p}"`).join('\n')}\n`,
        '.gitignore': `${patterns.join('\n')}\n`,
        [`${deep}skipped/serverless.yml`]: serverless('  iamRoleStatements:\n    - {Effect: Allow, Action: "*", Resource: "*"}\n'),
        [`${deep}${'a'.repeat(200)}/serverless.yml`]: serverless('  iamRoleStatements:\n    - {Effect: Allow, Action: "*", Resource: "arn:aws:s3:::b/*"}\n'),
      };
    },
    exitCode: 1,
    findings: [CONTROL_FINDING, `iam-no-wildcard-action ${'d/'.repeat(60)}${'a'.repeat(200)}/serverless.yml:6`],
    check: (report) => (report.findings.some((f) => f.file.includes('skipped/')) ? 'a file under an ignored folder was reported' : undefined),
  },
  {
    name: 'suppression-spaces',
    item: 'suppression directives and comments of a million spaces are read in linear time',
    files: () => {
      const spaces = ' '.repeat(1_000_000);
      return {
        ...CONTROL,
        'quiet/serverless.yml': serverless(
          `  iamRoleStatements:\n    - Effect: Allow\n      #${spaces}x\n      # faaslint-disable-next-line iam-no-wildcard-action${spaces}-- break-glass role${spaces}x\n      Action: "*"\n      Resource: arn:aws:s3:::b/* # faaslint-disable-line${spaces}x\n`,
        ),
      };
    },
    exitCode: 1,
    findings: [CONTROL_FINDING, 'meta-invalid-suppression quiet/serverless.yml:10'],
    check: (report) => (report.findings.some((f) => f.ruleId === 'iam-no-wildcard-action' && f.file === 'quiet/serverless.yml') ? 'the directive was not applied' : undefined),
  },
  {
    name: 'explicit-path-newlines',
    item: 'a file named on the command line is sniffed in linear time (a million blank lines before `service:`)',
    files: () => ({
      ...CONTROL,
      'named/prod.yml': `${'\n'.repeat(1_000_000)}${serverless('  iamRoleStatements:\n    - {Effect: Allow, Action: "*", Resource: "arn:aws:s3:::b/*"}\n')}`,
    }),
    paths: ['control', 'named/prod.yml'],
    exitCode: 1,
    findings: [CONTROL_FINDING, 'iam-no-wildcard-action named/prod.yml:1000006'],
  },
  {
    name: 'duplicate-keys-json',
    item: 'a JSON file with 140,000 duplicate keys is reported, not an aborted run (no spread past V8\'s argument limit)',
    files: () => ({
      ...CONTROL,
      'dup/template.json': `{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {}${', "k": 1'.repeat(140_000)}}\n`,
    }),
    exitCode: 1,
    findings: [CONTROL_FINDING, 'faaslint/duplicate-key dup/template.json:1'],
    check: (report) => {
      const n = report.findings.filter((f) => f.file === 'dup/template.json').length;
      return n > 21 ? `${n} duplicate-key findings: the first 20 and a count say it` : undefined;
    },
  },
  {
    name: 'self-shared-subtrees',
    item: '`${self:}` references that share subtrees (2^40 leaves) are resolved once each and never spelt out',
    files: () => ({
      ...CONTROL,
      'tree/serverless.yml': serverless(
        `  iamRoleStatements:\n    - {Effect: Allow, Action: '\${self:custom.l40}', Resource: "*"}\ncustom:\n  l0: [s3:GetObject, "*"]\n${Array.from({ length: 40 }, (_, i) => `  l${i + 1}: ['\${self:custom.l${i}}', '\${self:custom.l${i}}']\n`).join('')}`,
      ),
    }),
    exitCode: 1,
    findings: [CONTROL_FINDING],
  },
  {
    name: 'self-string-doubling',
    item: '`${self:}` string doubling 25 deep (1.4 KB into 268 MB) stops at the 1 MB budget with an error at the line',
    files: () => ({
      ...CONTROL,
      'grow/serverless.yml': serverless(
        `  environment:\n    BIG: \${self:custom.s25}\ncustom:\n  s0: ${'y'.repeat(56)}\n${Array.from({ length: 25 }, (_, i) => `  s${i + 1}: '\${self:custom.s${i}}\${self:custom.s${i}}'\n`).join('')}`,
      ),
    }),
    exitCode: 1,
    findings: [CONTROL_FINDING, 'faaslint/budget-exceeded grow/serverless.yml:23'],
  },
  {
    name: 'include-fan-out',
    item: '`${file()}` fan-out: 400 fragments each included 50 times are read and parsed once each',
    files: () => ({
      ...CONTROL,
      'fan/serverless.yml': serverless(`custom:\n${Array.from({ length: 50 }, (_, i) => `  c${i}: \${file(./f/all.yml)}\n`).join('')}`),
      'fan/f/all.yml': Array.from({ length: 400 }, (_, i) => `k${i}: \${file(./f/f${i}.yml)}\n`).join(''),
      ...Object.fromEntries(Array.from({ length: 400 }, (_, i) => [`fan/f/f${i}.yml`, `v: ${'z'.repeat(100)}\n`])),
    }),
    exitCode: 1,
    findings: [CONTROL_FINDING],
  },
  {
    name: 'cfn-parameter-sub-chain',
    item: 'CloudFormation parameter defaults that `!Sub` each other (and themselves) are evaluated once; a string past 1 MB is a budget error',
    files: () => ({
      ...CONTROL,
      'sub/template.yaml': `AWSTemplateFormatVersion: "2010-09-09"\nParameters:\n  P0:\n    Type: String\n    Default: xx\n${Array.from({ length: 10 }, (_, i) => `  P${i + 1}:\n    Type: String\n    Default: !Sub "\${P${i}}\${P${i}}\${P${i}}\${P${i}}"\n`).join('')}  Self:\n    Type: String\n    Default: !Sub "${'${Self}'.repeat(10)}"\nResources:\n${Array.from({ length: 200 }, (_, i) => `  Q${i}:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: !Ref ${i % 2 ? 'P10' : 'Self'}\n`).join('')}`,
    }),
    exitCode: 1,
    findings: [CONTROL_FINDING, 'faaslint/budget-exceeded sub/template.yaml:35', 'faaslint/variable-cycle sub/template.yaml:38'],
  },
  {
    name: 'fn-if-alternatives',
    item: 'a wildcard in the 128th branch of a 7-deep `Fn::If` tree is not dropped silently: a budget error at the tree',
    files: () => {
      const tree = (depth, index) => (depth === 0 ? (index === 127 ? '"*"' : '"s3:GetObject"') : `{"Fn::If": ["C", ${tree(depth - 1, index * 2)}, ${tree(depth - 1, index * 2 + 1)}]}`);
      return {
        ...CONTROL,
        'if/template.json': `{"AWSTemplateFormatVersion": "2010-09-09", "Conditions": {"C": {"Fn::Equals": ["a", "b"]}},\n"Resources": {"P": {"Type": "AWS::IAM::ManagedPolicy", "Properties": {"PolicyDocument": {"Statement": [{"Effect": "Allow", "Resource": "*",\n"Action": ${tree(7, 0)}}]}}}}}\n`,
      };
    },
    exitCode: 1,
    findings: [CONTROL_FINDING, 'faaslint/budget-exceeded if/template.json:3'],
  },
  {
    name: 'fn-if-alias-repeats',
    item: 'an anchored 64-alternative `Fn::If` chain repeated 7,000 times in a list: every item kept (none dropped silently), its guards built once',
    files: () => {
      const conditions = Array.from({ length: 64 }, (_, i) => `  C${i}: !Equals [!Ref P, "${i}"]`).join('\n');
      const chain = (i) => (i === 63 ? 'arn:aws:iam::aws:policy/AdministratorAccess' : `!If [C${i}, arn:aws:iam::aws:policy/ReadOnlyAccess, ${chain(i + 1)}]`);
      return {
        ...CONTROL,
        'alias/template.yaml': `AWSTemplateFormatVersion: "2010-09-09"\nParameters:\n  P: {Type: String}\nConditions:\n${conditions}\nResources:\n  R:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument: {Statement: [{Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: sts:AssumeRole}]}\n      ManagedPolicyArns:\n        - &chain ${chain(0)}\n${'        - *chain\n'.repeat(7000)}`,
      };
    },
    exitCode: 1,
    findings: [CONTROL_FINDING, 'iam-no-admin-managed-policy alias/template.yaml:75'],
  },
  {
    name: 'intrinsic-nesting',
    item: 'intrinsics nested deeper than 64 levels are a budget error, not a value that vanishes',
    files: () => ({
      ...CONTROL,
      'deep/template.yaml': `AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  P:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n      PolicyDocument:\n        Statement:\n          - Effect: Allow\n            Resource: "*"\n            Action: ${'{"Fn::Select": [0, ['.repeat(70)}"*"${']]}'.repeat(70)}\n`,
    }),
    exitCode: 1,
    findings: [CONTROL_FINDING, 'faaslint/budget-exceeded deep/template.yaml:10'],
  },
  {
    name: 'worker-file-count',
    item: '400 `${file()}` fragments on worker threads: the files analysed are counted once, never negative',
    files: () => {
      const files = { ...CONTROL };
      const custom = [];
      for (let i = 0; i < 400; i++) {
        custom.push(`  f${i}: \${file(./fragments/f${i}.yml)}`);
        files[`svc/fragments/f${i}.yml`] = `value${i}: x\n`;
      }
      files['svc/serverless.yml'] = `${serverless('')}custom:\n${custom.join('\n')}\n`;
      return files;
    },
    args: ['--threads', '4'],
    exitCode: 1,
    findings: [CONTROL_FINDING],
    check: (report) => (report.filesAnalysed === 2 ? undefined : `filesAnalysed is ${report.filesAnalysed}, not 2`),
  },
];
