// Compiles the config and baseline schemas ahead of time (ajv standalone), so start-up never pays for ajv's compiler.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { RULES } from '../dist/rules/index.js';
import { configSchema } from '../dist/src/config-schema.js';
import { BASELINE_SCHEMA } from '../dist/src/engine/baseline-schema.js';

const dist = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const compile = (schema, file, options) => {
  const ajv = new Ajv.default({ code: { source: true }, strict: true, allowUnionTypes: true, ...options });
  fs.writeFileSync(path.join(dist, file), `${standaloneCode.default(ajv, ajv.compile(schema))}\n`);
};
compile(configSchema(RULES), 'config-validator.cjs', { allErrors: true });
// The first error only: a baseline of 100,000 bad entries must not produce 100,000 messages.
compile(BASELINE_SCHEMA, 'baseline-validator.cjs', { allErrors: false });
