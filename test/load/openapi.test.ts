import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/run.js';
import { at, loadModel, tempProject } from '../helpers.js';

const SAM = 'rules/gateway-require-authorizer/fixtures/sam-openapi';

const REST_API = (bodyLocation: string) => `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Api:
    Type: AWS::ApiGateway::RestApi
    Properties:
      Name: orders
      BodyS3Location: ${bodyLocation}
  OrdersFunction:
    Type: AWS::Lambda::Function
    Properties:
      FunctionName: orders
      Runtime: nodejs22.x
      Handler: index.handler
      Role: arn:aws:iam::123456789012:role/orders
      Code: src/
`;

const ORDERS = `swagger: "2.0"
info: { title: orders, version: "1" }
paths:
  /orders:
    post:
      x-amazon-apigateway-integration:
        type: aws_proxy
        uri: arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:123456789012:function:orders/invocations
`;

describe('OpenAPI bodies', () => {
  it('models each operation at its method key, in the file that holds it, linked to its function', async () => {
    const p = await loadModel(SAM);
    const ops = p.endpoints
      .filter((e) => e.id.includes('Api/'))
      .map((e) => `${e.method} ${e.path} ${e.auth.type}${e.auth.apiKeyRequired ? '+key' : ''} ${e.location.file.split('/').pop()}:${at(e.location)} ${e.targetFn?.split('#')[1] ?? '-'}`);
    expect(ops).toEqual([
      'GET /loans cognito template.yaml:18:13 LoansFunction',
      'POST /loans none template.yaml:24:13 LoansFunction',
      'OPTIONS /loans none template.yaml:31:13 -',
      'DELETE /loans/{id} none template.yaml:37:13 -',
      'PUT /loans/{id} iam template.yaml:42:13 -',
      'GET /books none catalogue.yaml:8:5 LoansFunction',
      'POST /books none+key catalogue.yaml:14:5 -',
      'PATCH /books lambda+key catalogue.yaml:18:5 -',
      'ANY /books unknown catalogue.yaml:23:5 -',
      'GET /members none members.json:6:7 -',
      'OPTIONS /members none members.json:9:7 -',
      'GET /reports lambda template.yaml:92:13 -',
    ]);
    // The event for an operation of the definition is that operation; one for a route it lacks is added by SAM without auth.
    expect(p.endpoints.filter((e) => e.id.endsWith('/List'))).toEqual([]);
    expect(p.endpoints.find((e) => e.id.endsWith('/Overdue'))!.auth.type).toBe('none');
    // A definition in S3 is not read: its routes stay unknown.
    expect(p.endpoints.find((e) => e.id.endsWith('/Renew'))!.auth.type).toBe('unknown');
  });

  it('reads a CloudFormation BodyS3Location file and links a literal function ARN by FunctionName', async () => {
    const dir = tempProject({ 'template.yaml': REST_API('api/orders.yaml'), 'api/orders.yaml': ORDERS });
    const result = await lint({ paths: [dir], config: false, rules: [] });
    const [op] = result.project!.endpoints;
    expect([op!.method, op!.path, op!.auth.type, op!.location.file, op!.location.line, op!.targetFn]).toEqual(['POST', '/orders', 'none', 'api/orders.yaml', 5, 'template.yaml#OrdersFunction']);
    // The included file is not loaded again on its own.
    expect(result.notes.filter((n) => n.includes('orders.yaml'))).toEqual([]);
  });

  it('a missing, outside or malformed definition is a located diagnostic and the rest of the template is checked', async () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'faaslint-outside-'));
    fs.writeFileSync(path.join(outside, 'api.yaml'), ORDERS);
    const cases: [string, Record<string, string>, string][] = [
      ['api/missing.yaml', {}, 'faaslint/unresolved-include template.yaml:7'],
      [`../${path.basename(outside)}/api.yaml`, {}, 'faaslint/read-error template.yaml:7'],
      ['api/broken.yaml', { 'api/broken.yaml': 'paths: [unclosed\n' }, 'faaslint/parse-error api/broken.yaml:2'],
    ];
    for (const [location, files, expected] of cases) {
      const dir = tempProject({ 'template.yaml': REST_API(location), ...files });
      const result = await lint({ paths: [dir], config: false });
      expect(result.findings.map((f) => `${f.ruleId} ${f.location.file}:${f.location.line}`)).toEqual([expected]);
      expect(result.project!.functions.map((f) => f.name)).toEqual(['OrdersFunction']);
      expect(result.project!.endpoints).toEqual([]);
    }
  });
});
