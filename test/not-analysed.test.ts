import { describe, expect, it } from 'vitest';
import { runCli, tempProject } from './helpers.js';


const run = (args: string[], cwd: string) => runCli(args, { cwd });

const SLS = `service: s
provider:
  name: aws
  runtime: nodejs22.x
functions:
  api:
    handler: src/api.handler
  billing:
    handler: com.example.Billing::handleRequest
    runtime: java21
  ledger:
    handler: com.example.Ledger::handleRequest
    runtime: java21
  thumbnails:
    image: thumbnails
`;

const SAM = `Transform: AWS::Serverless-2016-10-31
Resources:
  Resize:
    Type: AWS::Serverless::Function
    Properties:
      PackageType: Image
      ImageUri: 123456789012.dkr.ecr.us-east-1.amazonaws.com/resize:1
  Glue:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      Role: arn:aws:iam::123456789012:role/r
      Code:
        ZipFile: exports.handler = async () => 1;
`;

/** A project with one analysed handler and functions and files faaslint cannot analyse. */
function project() {
  return tempProject({
    'svc/serverless.yml': SLS,
    'svc/src/api.js': 'exports.handler = async () => ({ statusCode: 200 });\n',
    'images/template.yaml': SAM,
    'cdk/serverless.ts': 'export default makeConfig({ service: "x" });\n',
    'broken/serverless.yml': 'service: [unclosed\n',
  });
}

type Entry = { function?: string; file: string; line?: number; kind: string; reason: string };

describe('not analysed is visible', () => {
  it('json lists every function and file not analysed, with its reason', () => {
    const r = run(['-f', 'json'], project());
    const json = JSON.parse(r.stdout) as { notAnalysed: Entry[]; filesAnalysed: number; handlerFilesAnalysed: number };
    expect(json.notAnalysed.map((n) => `${n.file}:${n.line ?? ''} ${n.function ?? '-'} ${n.kind}`)).toEqual([
      'broken/serverless.yml: - parse error',
      'cdk/serverless.ts: - serverless.ts',
      'images/template.yaml:3 Resize image',
      'images/template.yaml:8 Glue inline code',
      'svc/serverless.yml:8 billing java21',
      'svc/serverless.yml:11 ledger java21',
      'svc/serverless.yml:14 thumbnails image',
    ]);
    expect(json.notAnalysed.every((n) => n.reason.length > 10)).toBe(true);
    expect(json.filesAnalysed).toBe(2);
    expect(json.handlerFilesAnalysed).toBe(1);
  });

  it('stylish says what was not analysed in its summary', () => {
    const r = run([], project());
    expect(r.stdout).toMatch(/2 config files and 1 handler file analysed/);
    expect(r.stdout).toMatch(/^5 functions not analysed: 2 image, 2 java21, 1 inline code; 2 files not analysed: 1 parse error, 1 serverless\.ts — see --debug\.$/m);
  });

  it('--debug lists each one', () => {
    const r = run(['--debug'], project());
    expect(r.stderr).toMatch(/^debug: svc\/serverless\.yml:8: function billing: runtime java21 has no handler analyser/m);
    expect(r.stderr).toMatch(/^debug: cdk\/serverless\.ts: not analysed: its configuration is computed by code \(`makeConfig/m);
  });

  it('SARIF has a toolExecutionNotification for each, without repeating a file diagnostic', () => {
    const r = run(['-f', 'sarif'], project());
    const log = JSON.parse(r.stdout);
    const notes = log.runs[0].invocations[0].toolExecutionNotifications as {
      level: string;
      message: { text: string };
      descriptor: { id: string };
      locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[];
    }[];
    const notAnalysed = notes.filter((n) => n.descriptor.id === 'faaslint/not-analysed');
    const where = (n: (typeof notes)[number]) => `${n.locations[0]!.physicalLocation.artifactLocation.uri}:${n.locations[0]!.physicalLocation.region.startLine}`;
    // serverless.ts and the broken file already have a diagnostic notification each.
    expect(notAnalysed.map(where)).toEqual([
      'cdk/serverless.ts:1',
      'images/template.yaml:3',
      'images/template.yaml:8',
      'svc/serverless.yml:8',
      'svc/serverless.yml:11',
      'svc/serverless.yml:14',
    ]);
    expect(notAnalysed.find((n) => where(n) === 'svc/serverless.yml:8')!.message.text).toMatch(/^Function billing not analysed \(java21\)/);
    expect(notes.filter((n) => n.descriptor.id === 'faaslint/parse-error').map(where)).toEqual(['broken/serverless.yml:2']);
    expect(log.runs[0].properties.notAnalysed).toBe(7);
  });

  it('the github format ends with a warning naming what was not analysed', () => {
    const r = run(['-f', 'github'], project());
    expect(r.stdout.trim().split('\n').at(-1)).toBe('::warning title=faaslint not analysed::5 functions not analysed: 2 image, 2 java21, 1 inline code; 2 files not analysed: 1 parse error, 1 serverless.ts (run with --debug for the list)');
  });

  it('a fully analysed project lists nothing', () => {
    const dir = tempProject({ 'serverless.yml': 'service: s\nprovider:\n  name: aws\n  runtime: nodejs22.x\nfunctions:\n  f:\n    handler: h.f\n', 'h.js': 'exports.f = async () => 1;\n' });
    const r = run(['-f', 'json'], dir);
    expect(JSON.parse(r.stdout).notAnalysed).toEqual([]);
    expect(run([], dir).stdout).not.toMatch(/not analysed/);
  });
});
