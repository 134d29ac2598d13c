import type { HardcodedSecret } from '../../model.js';
import { credentialShape, isPlaceholderOrReference, looksSecretName } from '../../secrets/credentials.js';
import { enclosingStatement, locationOf, staticString, unwrap, walk, type AstNode } from './ast.js';
import type { ModuleInfo } from './modules.js';

const TEST_FILE = /(\.|\/)(test|spec)\.[cm]?[jt]sx?$|(^|\/)__tests__\//;

/** Credential literals in a handler's source files (its own and the local modules it imports). */
export function hardcodedSecrets(modules: readonly ModuleInfo[]): HardcodedSecret[] {
  const out: HardcodedSecret[] = [];
  for (const module of modules) {
    if (TEST_FILE.test(module.rel)) continue;
    // A member of an object literal is reported where it stands, so that each credential of
    // `credentials: { accessKeyId: '…', secretAccessKey: '…' }` is a finding of its own.
    const report = (node: AstNode, kind: string, name?: string) =>
      out.push({ loc: locationOf(node.type === 'Property' ? node : enclosingStatement(node, module.parents), module.rel), kind, ...(name ? { name } : {}) });
    walk(module.ast, (n) => {
      if (n.type === 'VariableDeclarator' && n.id.type === 'Identifier') checkNamed(n.id.name, n.init, n, report);
      else if (n.type === 'Property' && !n.computed) checkNamed(keyName(n.key), n.value, n, report);
      else if (isPropertyValue(n, module.parents)) return undefined;
      else if (n.type === 'PropertyDefinition' && !n.computed) checkNamed(keyName(n.key), n.value, n, report);
      else if (n.type === 'AssignmentExpression' && n.operator === '=') {
        const target = n.left.type === 'MemberExpression' && !n.left.computed && n.left.property.type === 'Identifier' ? n.left.property.name : n.left.type === 'Identifier' ? n.left.name : undefined;
        if (target) checkNamed(target, n.right, n, report);
      } else {
        const value = staticString(n);
        if (value !== undefined && !isPlaceholderOrReference(value)) {
          const kind = credentialShape(value);
          if (kind) report(n, kind);
        }
      }
      return undefined;
    });
  }
  // One literal can match both as a shape and as a named value: keep one finding per statement.
  const seen = new Set<string>();
  return out.filter((s) => {
    const key = `${s.loc.file}:${s.loc.line}:${s.loc.column}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** (Part of) the value of an object literal member, which the member's own check reports. */
function isPropertyValue(n: AstNode, parents: ModuleInfo['parents']): boolean {
  for (let child = n, parent = parents.get(n); parent; child = parent, parent = parents.get(parent)) {
    if (parent.type === 'Property') return !parent.computed && parent.value === child;
    if (/Statement|Declaration|Function|Program|Class/.test(parent.type)) return false;
  }
  return false;
}

function keyName(key: AstNode): string | undefined {
  if (key.type === 'Identifier') return key.name;
  return staticString(key);
}

function checkNamed(name: string | undefined, value: AstNode | null | undefined, node: AstNode, report: (n: AstNode, kind: string, name?: string) => void): void {
  const literal = value ? staticString(unwrap(value)) : undefined;
  if (!name || literal === undefined || isPlaceholderOrReference(literal)) return;
  const shape = credentialShape(literal);
  if (shape) report(node, shape, name);
  else if (looksSecretName(name) && looksLikeCredential(literal)) report(node, 'secret-named literal', name);
}

/** A secret-named literal that reads like a value, not like a name, path, URL or sentence. */
function looksLikeCredential(value: string): boolean {
  if (value.length < 8 || /\s/.test(value) || value.startsWith('/') || /^https?:\/\/[^@]*$/i.test(value)) return false;
  return true;
}
