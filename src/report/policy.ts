import type { FunctionPolicy, PolicyStatement, ResourceExpr } from '../iam/least-privilege.js';
import { append } from '../arrays.js';

/** A resource as YAML with CloudFormation short tags (valid in serverless.yml, SAM and CloudFormation alike). */
function yamlResource(r: ResourceExpr): string {
  if (typeof r === 'string') return JSON.stringify(r);
  if ('Ref' in r) return `!Ref ${r.Ref}`;
  if ('Fn::GetAtt' in r) return `!GetAtt ${r['Fn::GetAtt'][0]}.${r['Fn::GetAtt'][1]}`;
  return `!Sub ${JSON.stringify(r['Fn::Sub'])}`;
}

function yamlStatements(statements: readonly PolicyStatement[], indent: string): string[] {
  const out: string[] = [];
  for (const s of statements) {
    out.push(`${indent}- Effect: Allow`);
    out.push(`${indent}  Action:`);
    for (const a of s.Action) out.push(`${indent}    - ${a}`);
    out.push(`${indent}  Resource:`);
    for (const r of s.Resource) out.push(`${indent}    - ${yamlResource(r)}`);
  }
  return out;
}

function notes(p: FunctionPolicy, indent: string): string[] {
  const out: string[] = [];
  if (!p.complete) out.push(`${indent}# incomplete: ${p.gaps.join('; ')} — the policy below may miss actions`);
  if (p.unscoped.length > 0) out.push(`${indent}# resource unknown to the analysis, granted on "*": ${p.unscoped.join(', ')} — narrow it`);
  if (p.statements.length === 0) out.push(`${indent}# the code makes no AWS SDK call: no statements needed`);
  return out;
}

/**
 * Each function's least-privilege policy in the syntax of its own config, one YAML document per
 * config file: serverless.yml `functions.<name>.iam.role.statements`, SAM `Policies`, and a
 * CloudFormation `PolicyDocument` per function role.
 */
export function formatPolicyYaml(policies: readonly FunctionPolicy[]): string {
  const byFile = new Map<string, FunctionPolicy[]>();
  for (const p of policies) byFile.set(p.file, [...(byFile.get(p.file) ?? []), p]);
  const docs: string[] = [];
  for (const [file, list] of byFile) {
    const lines = [`# ${file}`];
    const kind = list[0]!.kind;
    const ownRoles = list.filter((p) => p.role !== undefined);
    const generated = list.filter((p) => p.role === undefined);
    if (kind === 'serverless' && generated.length > 0) {
      lines.push('functions:');
      for (const p of generated) {
        append(lines, [`  ${p.function}:`, ...notes(p, '    ')]);
        if (p.statements.length > 0) append(lines, ['    iam:', '      role:', '        statements:', ...yamlStatements(p.statements, '          ')]);
      }
    } else if (kind === 'sam' && generated.length > 0) {
      lines.push('Resources:');
      for (const p of generated) {
        append(lines, [`  ${p.function}:`, ...notes(p, '    ')]);
        if (p.statements.length > 0) append(lines, ['    Properties:', '      Policies:', '        - Statement:', ...yamlStatements(p.statements, '            ')]);
      }
    }
    const roleDocs = kind === 'cloudformation' ? list : ownRoles;
    if (roleDocs.length > 0) {
      lines.push('# PolicyDocument of each function role:');
      for (const p of roleDocs) {
        append(lines, [`${p.function}:${p.role ? ` # role ${p.role}` : ''}`, ...notes(p, '  ')]);
        if (p.statements.length > 0) append(lines, ['  PolicyDocument:', "    Version: '2012-10-17'", '    Statement:', ...yamlStatements(p.statements, '      ')]);
      }
    }
    docs.push(lines.join('\n'));
  }
  return `${docs.join('\n---\n')}\n`;
}

export function formatPolicyJson(policies: readonly FunctionPolicy[]): string {
  return `${JSON.stringify(
    policies.map((p) => ({
      function: p.function,
      file: p.file,
      kind: p.kind,
      ...(p.role ? { role: p.role } : {}),
      complete: p.complete,
      gaps: p.gaps,
      unscoped: p.unscoped,
      policy: { Version: '2012-10-17', Statement: p.statements },
    })),
    null,
    2,
  )}\n`;
}
