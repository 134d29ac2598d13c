import type { HandlerFacts } from '../../model.js';
import { analysisScope } from './analysis-scope.js';
import { backgroundWork } from './background-work.js';
import { credentialedCors } from './cors-headers.js';
import { hardcodedSecrets } from './hardcoded-secrets.js';
import { moduleStateWrites } from './module-state.js';
import type { FunctionRef, ModuleInfo } from './modules.js';
import type { ModuleSource } from './reach.js';
import { sdkCalls } from './sdk.js';
import { tmpWrites } from './tmp-writes.js';
import { CallSites } from './values.js';

const MAX_IMPORT_DEPTH = 3;

/** What the analyses find in one handler export, apart from which functions use it. */
export type ExportFacts = Omit<HandlerFacts, 'file' | 'exportName' | 'fnIds'>;

/**
 * Runs every JavaScript/TypeScript analysis on one handler export: module state, /tmp files,
 * background work, credential literals, CORS answered with credentials, AWS SDK calls. Nothing here reads a file: the modules
 * come parsed from `modules`, so an ESLint rule can run the same analyses on the program it is
 * given. `entry` is the exported function, or undefined when it was not found (then only the
 * literals are checked, and the facts are incomplete).
 */
export function exportFacts(module: ModuleInfo, entry: FunctionRef | undefined, source: ModuleSource, options: { readonly sdk?: boolean } = {}): ExportFacts {
  const closure = localModuleClosure(module, source);
  // Parameters take their values from the calls in this handler's own modules only.
  const modules: ModuleSource = { get: (file) => source.get(file), sites: new CallSites(() => closure, { get: (file) => source.get(file) }) };
  const scope = entry ? analysisScope(entry, modules) : undefined;
  // The SDK analysis is most of the cost; the ESLint plugin's rules do not read it (`sdk: false`).
  const withSdk = options.sdk ?? true;
  const sdk = !scope ? { calls: [], gaps: ['the handler export was not found'] } : withSdk ? sdkCalls(scope, modules) : { calls: [], gaps: ['AWS SDK calls were not analysed'] };
  return {
    complete: entry !== undefined && withSdk,
    moduleStateWrites: scope ? moduleStateWrites(scope) : [],
    tmpWrites: scope ? tmpWrites(scope) : [],
    backgroundWork: scope ? backgroundWork(scope) : [],
    hardcodedSecrets: hardcodedSecrets(closure),
    credentialedCors: credentialedCors(closure, modules),
    sdkCalls: sdk.calls,
    sdkGaps: sdk.gaps,
  };
}

/** The handler file and the local modules it imports, a few levels deep. */
function localModuleClosure(start: ModuleInfo, modules: ModuleSource): ModuleInfo[] {
  const out: ModuleInfo[] = [start];
  const seen = new Set([start.file]);
  let frontier = [start];
  for (let depth = 0; depth < MAX_IMPORT_DEPTH; depth++) {
    const next: ModuleInfo[] = [];
    for (const m of frontier) {
      const targets = [...m.imports.values(), ...m.reexports.map(([, t]) => t)];
      for (const t of targets) {
        if (!t.file || seen.has(t.file)) continue;
        seen.add(t.file);
        const module = modules.get(t.file);
        if (module) {
          out.push(module);
          next.push(module);
        }
      }
    }
    frontier = next;
  }
  return out;
}
