import type { Rule } from '../src/engine/rule.js';
import functionNoDeprecatedRuntime from './function-no-deprecated-runtime/rule.js';
import gatewayNoPublicFunctionUrl from './gateway-no-public-function-url/rule.js';
import gatewayNoWildcardCors from './gateway-no-wildcard-cors/rule.js';
import gatewayRequireAuthorizer from './gateway-require-authorizer/rule.js';
import handlerNoBackgroundWork from './handler-no-background-work/rule.js';
import handlerNoHardcodedSecret from './handler-no-hardcoded-secret/rule.js';
import handlerNoModuleState from './handler-no-module-state/rule.js';
import handlerNoRequestDataInModuleScope from './handler-no-request-data-in-module-scope/rule.js';
import handlerNoTmpPersistence from './handler-no-tmp-persistence/rule.js';
import secretsNoDecryptedEnv from './secrets-no-decrypted-env/rule.js';
import secretsNoPlaintextEnv from './secrets-no-plaintext-env/rule.js';
import iamNoAdminManagedPolicy from './iam-no-admin-managed-policy/rule.js';
import iamMissingPermission from './iam-missing-permission/rule.js';
import iamNoAllowNot from './iam-no-allow-not/rule.js';
import iamNoPrivilegeEscalation from './iam-no-privilege-escalation/rule.js';
import iamNoPublicResourcePolicy from './iam-no-public-resource-policy/rule.js';
import iamNoSharedRole from './iam-no-shared-role/rule.js';
import iamNoUnscopedServiceInvoke from './iam-no-unscoped-service-invoke/rule.js';
import iamNoWildcardAction from './iam-no-wildcard-action/rule.js';
import iamNoWildcardResource from './iam-no-wildcard-resource/rule.js';
import iamNoWildcardTrust from './iam-no-wildcard-trust/rule.js';
import iamUnusedPermission from './iam-unused-permission/rule.js';

/** Every rule faaslint ships, in catalogue order. Explicit on purpose: no registration by import side effects. */
export const RULES: readonly Rule[] = [
  iamNoWildcardAction,
  iamNoWildcardResource,
  iamNoAllowNot,
  iamNoPrivilegeEscalation,
  iamNoAdminManagedPolicy,
  iamNoSharedRole,
  iamNoPublicResourcePolicy,
  iamNoUnscopedServiceInvoke,
  iamNoWildcardTrust,
  gatewayRequireAuthorizer,
  gatewayNoPublicFunctionUrl,
  gatewayNoWildcardCors,
  secretsNoPlaintextEnv,
  secretsNoDecryptedEnv,
  functionNoDeprecatedRuntime,
  handlerNoModuleState,
  handlerNoRequestDataInModuleScope,
  handlerNoTmpPersistence,
  handlerNoBackgroundWork,
  handlerNoHardcodedSecret,
  iamUnusedPermission,
  iamMissingPermission,
] as readonly Rule[];
