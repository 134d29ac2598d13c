import type { Auth, AuthType, Entry } from '../model.js';
import { ownTable } from '../own.js';

/**
 * AppSync authorization modes, for every format (CloudFormation `AuthenticationType`, SAM
 * `Auth.Type`, the serverless-appsync-plugin's `authenticationType` / `authentication.type`).
 * An API key only identifies the calling app (it ships inside it): as a mode it is no
 * authentication, which the model says as `none` with an API key required.
 */
const MODES: Readonly<Record<string, AuthType>> = ownTable({
  AWS_IAM: 'iam',
  AMAZON_COGNITO_USER_POOLS: 'cognito',
  OPENID_CONNECT: 'jwt',
  AWS_LAMBDA: 'lambda',
});

export function appSyncAuth(mode: Entry | undefined, source: Auth['source']): Auth {
  const value = mode?.value?.toUpperCase();
  const when = mode?.when ?? [];
  if (value === 'API_KEY') return { type: 'none', source, apiKeyRequired: true, when };
  return { type: (value ? MODES[value] : undefined) ?? 'unknown', source, apiKeyRequired: false, when };
}
