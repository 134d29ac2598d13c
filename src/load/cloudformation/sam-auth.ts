import type { AuthType } from '../../model.js';
import { get, type Node } from '../tree.js';

/** What a SAM API `Auth` authorizer name stands for: `AWS_IAM`, `NONE`, or one of the API's `Authorizers`. */
export function authorizerType(name: string, apiAuth: Node | undefined, http: boolean): AuthType {
  if (name.toUpperCase() === 'AWS_IAM') return 'iam';
  if (name.toUpperCase() === 'NONE') return 'none';
  const def = get(get(apiAuth, 'Authorizers'), name);
  if (!def) return 'unknown';
  if (get(def, 'JwtConfiguration')) return 'jwt';
  if (get(def, 'UserPoolArn')) return 'cognito';
  if (get(def, 'FunctionArn')) return 'lambda';
  return http ? 'jwt' : 'unknown';
}
