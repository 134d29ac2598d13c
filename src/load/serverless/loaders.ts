/**
 * The Serverless Framework loaders, as one module the scan imports only when a candidate may be
 * a serverless config: a scan of templates alone never compiles them (nor the JavaScript
 * analysis serverless.ts reading needs), ~30 ms of start-up.
 */
export { isAwsProvider, loadServerlessConfig } from './config.js';
export { readServerlessCode } from './code.js';
export { VariableResolver } from './variables.js';
