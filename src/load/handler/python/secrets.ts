import type { HardcodedSecret } from '../../../model.js';
import { credentialShape, isPlaceholderOrReference, looksLikeCredentialValue, looksSecretName } from '../../../secrets/credentials.js';
import { perModuleFacts, type PyModule } from './module.js';
import { field, locationOf, stringValue, textOf, unparen, walk, type PyNode } from './tree.js';

const TEST_FILE = /(^|\/)(test_[^/]*|[^/]*_test|conftest)\.py$|(^|\/)tests?\//;

/**
 * Credential literals in a handler's Python files (its own and the local modules it imports):
 * values shaped like a known credential, and literals held by secret-named variables, keyword
 * arguments, dictionary keys and parameter defaults. Each literal is its own finding, on its
 * own line (`aws_access_key_id='AKIA…'` and `aws_secret_access_key='…'` are two).
 */
export function hardcodedSecrets(modules: readonly PyModule[]): HardcodedSecret[] {
  return perModuleFacts(modules, secretsByModule, moduleSecrets);
}

const secretsByModule = new WeakMap<PyModule, readonly HardcodedSecret[]>();

function moduleSecrets(module: PyModule): HardcodedSecret[] {
  const out: HardcodedSecret[] = [];
  if (TEST_FILE.test(module.rel)) return out;
  const reported = new Set<PyNode>();
  const report = (anchor: PyNode, literal: PyNode, kind: string, name?: string) => {
    if (reported.has(literal)) return;
    reported.add(literal);
    out.push({ loc: locationOf(anchor, module.rel), kind, ...(name ? { name } : {}) });
  };
  const named = (name: string | undefined, value: PyNode | undefined, anchor: PyNode) => {
    const literalNode = value ? unparen(value) : undefined;
    const literal = stringValue(module.text, literalNode);
    if (!name || !literalNode || literal === undefined) return;
    // The cheap tests first: most literals have no credential's shape and no secret's name.
    const shape = credentialShape(literal);
    if (shape) {
      if (!isPlaceholderOrReference(literal)) report(anchor, literalNode, shape, name);
    } else if (looksSecretName(name) && looksLikeCredentialValue(literal) && !isPlaceholderOrReference(literal)) {
      report(anchor, literalNode, 'secret-named literal', name);
    }
  };
  walk(module.root, (n) => {
    switch (n.type) {
      case 'assignment': {
        const left = unparen(field(n, 'left') ?? n);
        const name = targetName(module, left);
        named(name, field(n, 'right'), n.parent?.type === 'expression_statement' ? n.parent : n);
        break;
      }
      case 'keyword_argument':
        named(textOf(module.text, field(n, 'name') ?? n), field(n, 'value'), n);
        break;
      case 'pair': {
        const key = field(n, 'key');
        named(stringValue(module.text, key) ?? (key?.type === 'identifier' ? undefined : undefined), field(n, 'value'), n);
        break;
      }
      case 'default_parameter':
      case 'typed_default_parameter':
        named(textOf(module.text, field(n, 'name') ?? n), field(n, 'value'), n);
        break;
      case 'string':
      case 'concatenated_string': {
        // Docstrings document; they do not hold credentials the code uses.
        if (n.parent?.type === 'expression_statement') return false;
        const value = stringValue(module.text, n);
        const kind = value !== undefined ? credentialShape(value) : undefined;
        if (kind && !isPlaceholderOrReference(value!)) report(n, n, kind);
        return false;
      }
    }
    return undefined;
  });
  return out;
}

/** `API_KEY`, `self.api_key`, `config['password']`: the name an assignment gives its value. */
function targetName(module: PyModule, target: PyNode): string | undefined {
  if (target.type === 'identifier') return textOf(module.text, target);
  if (target.type === 'attribute') return textOf(module.text, field(target, 'attribute') ?? target);
  if (target.type === 'subscript') return stringValue(module.text, field(target, 'subscript'));
  return undefined;
}
