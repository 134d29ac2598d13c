import type { Rule } from '../src/engine/rule.js';
import iamNoWildcardAction from './iam-no-wildcard-action/rule.js';
import iamNoWildcardResource from './iam-no-wildcard-resource/rule.js';

/** Every rule faaslint ships, in catalogue order. Explicit on purpose: no registration by import side effects. */
export const RULES: readonly Rule[] = [iamNoWildcardAction, iamNoWildcardResource] as readonly Rule[];
