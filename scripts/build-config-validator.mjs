// Compiles the config schema ahead of time (ajv standalone), so start-up never pays for ajv's compiler.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { RULES } from '../dist/rules/index.js';
import { configSchema } from '../dist/src/config-schema.js';

const out = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'config-validator.cjs');
const ajv = new Ajv.default({ code: { source: true }, allErrors: true, strict: true, allowUnionTypes: true });
const validate = ajv.compile(configSchema(RULES));
fs.writeFileSync(out, `${standaloneCode.default(ajv, validate)}\n`);
