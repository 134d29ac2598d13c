import path from 'node:path';
import type { HandlerExports } from './handler-facts.js';

/** `settings.faaslint` in a flat config, as `faaslint.handlers()` writes it. */
export interface FaaslintSettings {
  /** The repository root the handler files are relative to. */
  readonly root: string;
  /** Handler files (relative to `root`, forward slashes) and the exports the configs name as handlers. */
  readonly handlers: Readonly<Record<string, readonly string[]>>;
  /** faaslint's `noInlineConfig`: `faaslint-disable` comments are ignored (audits). */
  readonly noInlineConfig?: boolean;
}

/** What a rule knows of a file from the settings: its handler exports, or that it is not a handler. */
export interface FileRole {
  readonly exports: HandlerExports | undefined;
  readonly inlineConfig: boolean;
}

function isSettings(value: unknown): value is FaaslintSettings {
  if (typeof value !== 'object' || value === null) return false;
  const s = value as Record<string, unknown>;
  return typeof s.root === 'string' && typeof s.handlers === 'object' && s.handlers !== null;
}

/**
 * Without `settings.faaslint` (the recommended config's globs), every exported function of a
 * matched file is a handler. With it, only the files and exports it lists are: a file it does
 * not list is not a handler, whatever else matched it.
 */
export function fileRole(settings: Readonly<Record<string, unknown>> | undefined, filename: string): FileRole {
  const s = settings?.faaslint;
  if (!isSettings(s)) return { exports: 'exported functions', inlineConfig: true };
  const rel = path.relative(s.root, filename).split(path.sep).join('/');
  const exports = Object.hasOwn(s.handlers, rel) ? s.handlers[rel] : undefined;
  return { exports: Array.isArray(exports) ? exports.filter((e): e is string => typeof e === 'string') : undefined, inlineConfig: s.noInlineConfig !== true };
}
