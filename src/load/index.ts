import path from 'node:path';
import type { Candidate } from '../discover.js';
import { isInside, toPosix } from '../discover.js';
import { confinedRealPath, readConfinedText } from '../fs/confined.js';
import { refusalDiagnostic } from '../fs/refusal.js';
import { pointLocation, type Location } from '../location.js';
import { diagnostic } from '../diagnostics.js';
import type { Diagnostic, InputKind, ModelPart, Project } from '../model.js';
import { emptyPart } from '../model.js';
import { NOT_A_CONFIG, PACKAGED_KIND, type NotAnalysed } from '../not-analysed.js';
import { packagedTemplates, packagingFacts, type PackagingFacts } from './cloudformation/packaged.js';
import { loadTemplate } from './cloudformation/template.js';
import { analyseHandlers } from './handler/index.js';
import { get, isMap, isSeq, str, type Node } from './tree.js';
import { parseLocated, type ParsedFile, type YamlDialect } from './yaml.js';
import { looksLikeJson, parseJsonLocated } from './json.js';
import { append } from '../arrays.js';
import { ownTable } from '../own.js';

export interface LoadOptions {
  readonly root: string;
  readonly stage?: string;
  readonly region?: string;
  readonly params: Readonly<Record<string, string>>;
  readonly allowEnv: boolean;
  readonly maxFileSize: number;
  /** Progress (0–1) with the file at work, for a terminal; must not throw. Config files take the first 60 %, handlers the next 35 %. */
  readonly onProgress?: (fraction: number, file: string) => void;
}

export interface LoadResult {
  readonly project: Project;
  readonly filesAnalysed: number;
  readonly notes: string[];
  /** Config files and functions not analysed, with the reason. */
  readonly notAnalysed: NotAnalysed[];
  /** Handler source files parsed (each at most once). */
  readonly handlerParses: number;
  /** Project-relative paths of the handler source files parsed. */
  readonly handlerFiles: string[];
  /** Real paths of files read through a serverless `${file()}`. */
  readonly included: string[];
  /** Real paths of the templates loaded on their own. */
  readonly standalone: string[];
  /** The standalone templates counted in `filesAnalysed` (others were not templates, or not readable). */
  readonly standaloneAnalysed: string[];
}

/** Reads, parses and loads every candidate, then analyses the handlers the configs name. */
export async function loadProject(candidates: readonly Candidate[], options: LoadOptions): Promise<LoadResult> {
  const serverless = candidates.some(mayBeServerless) ? await import('./serverless/loaders.js') : undefined;
  const configs = loadConfigs(candidates, options, serverless);
  const { project, notes, notAnalysed } = configs;
  const handlerDiagnostics: Diagnostic[] = [];
  const handlerAnalysis = await analyseHandlers(
    project.functions,
    options.root,
    handlerDiagnostics,
    options.onProgress && ((doneHandlers, total, file) => options.onProgress!(0.6 + (0.35 * doneHandlers) / Math.max(1, total), file)),
  );
  append(notes, handlerAnalysis.notes);
  for (const n of notAnalysed) notes.push(`${n.file}: not analysed: ${n.reason}`);
  return {
    ...configs,
    project: { ...project, diagnostics: [...project.diagnostics, ...handlerDiagnostics], handlers: handlerAnalysis.handlers },
    notAnalysed: [...notAnalysed, ...handlerAnalysis.notAnalysed],
    handlerParses: handlerAnalysis.parses,
    handlerFiles: handlerAnalysis.files,
  };
}

export type ConfigsResult = Omit<LoadResult, 'handlerParses' | 'handlerFiles'>;

/** serverless/loaders.ts, which `loadConfigs` needs when a candidate is a serverless config. */
export type ServerlessLoaders = typeof import('./serverless/loaders.js');

/** Whether `loadConfigs` may take the candidate for a serverless config (a file named on the command line is classified by its content). */
export function mayBeServerless(c: Candidate): boolean {
  return c.kind === 'serverless' || c.kind === 'serverless-code' || (c.kind === 'template' && c.explicit);
}

function serverlessLoaders(loaders: ServerlessLoaders | undefined): ServerlessLoaders {
  if (!loaders) throw new Error('internal: a serverless config to load without the serverless loaders');
  return loaders;
}

/**
 * Reads, parses and loads every candidate config, reading no handler source (what
 * `faaslint.handlers()` needs for ESLint): serverless configs first, so files they include are
 * not loaded twice as templates.
 */
export function loadConfigs(candidates: readonly Candidate[], options: LoadOptions, serverless: ServerlessLoaders | undefined): ConfigsResult {
  const merged = emptyPart();
  const notes: string[] = [];
  const notAnalysed: NotAnalysed[] = [];
  const skipFile = (file: string, kind: string, reason: string) => notAnalysed.push({ file, kind, reason });
  /** A file that gave no tree is not analysed: its diagnostic says why, this list says so in the summary. */
  const unparsed = (file: string, diagnostics: readonly Diagnostic[]) => {
    const d = diagnostics.find((x) => x.severity === 'error') ?? diagnostics[0];
    if (d) skipFile(file, UNPARSED_KIND[d.code] ?? 'not parsed', d.message);
  };
  const included = new Set<string>();
  const standalone: string[] = [];
  const standaloneAnalysed: string[] = [];
  const rootPrefix = options.root.endsWith(path.sep) ? options.root : options.root + path.sep;
  // Most paths are plain children of the root: a prefix, without path.relative's normalising.
  const rel = (abs: string) =>
    toPosix(
      abs.startsWith(rootPrefix) && !abs.includes(`${path.sep}.`) && !abs.includes(`${path.sep}${path.sep}`)
        ? abs.slice(rootPrefix.length)
        : path.relative(options.root, abs),
    ) || path.basename(abs);
  let filesAnalysed = 0;

  const read = (abs: string): { text?: string; diagnostic?: Diagnostic } => {
    const read = readConfinedText(abs, options.root, options.maxFileSize);
    if (read.ok) return { text: read.text };
    return { diagnostic: refusalDiagnostic(read, pointLocation(rel(abs))) };
  };

  const parseCandidate = (abs: string, sniff: boolean, dialect: YamlDialect): ParsedFile | undefined => {
    const { text, diagnostic } = read(abs);
    if (diagnostic) return { root: undefined, diagnostics: [diagnostic] };
    // YAML/JSON that cannot be a template (CI configs, package metadata) is skipped without parsing.
    if (sniff && !TEMPLATE_MARKERS.test(text!.slice(0, 256 * 1024))) return undefined;
    return parseText(text!, rel(abs), dialect);
  };
  const parse = (abs: string, dialect: YamlDialect): ParsedFile => parseCandidate(abs, false, dialect)!;

  // serverless.ts/.js: evaluated as data, never run; the files it imports are not templates of their own.
  const readCode = (abs: string, parts: string[]): ParsedFile => {
    const code = serverlessLoaders(serverless).readServerlessCode(abs, { root: options.root, maxFileSize: options.maxFileSize, ...(options.allowEnv ? { env: process.env } : {}) });
    append(notes, code.notes);
    append(notAnalysed, code.notAnalysed);
    for (const file of code.files) {
      included.add(file);
      parts.push(rel(file));
    }
    return code;
  };

  const includes = new Map<string, { parsed: ParsedFile; reported: boolean }>();
  /**
   * A file a config includes (`${file()}`, an OpenAPI `DefinitionUri`): read inside the repository
   * only, and never loaded again as a template of its own. A template's load passes a `sink`, which
   * holds what the include adds until the template is known to be analysed (see below).
   */
  /** Where an include written in `fromFile` points: relative to that file's folder. */
  const includeTarget = (fromFile: string, relPath: string) => path.resolve(options.root, path.posix.dirname(fromFile), relPath);
  const include = (fromFile: string, relPath: string, loc: Location, what: string, unknown: string, dialect: YamlDialect, sink?: TemplateSink): Node | undefined => {
    const target = includeTarget(fromFile, relPath);
    const resolved = isInside(options.root, target) ? confinedRealPath(target, options.root) : { refusal: 'outside' as const };
    if (!('real' in resolved)) {
      // Outside the repository is an error (a value hidden there must not pass as unknown); missing is the usual warning.
      const d =
        resolved.refusal === 'outside'
          ? diagnostic('read-error', `${what} points outside the repository: not read; ${unknown}`, loc)
          : diagnostic('unresolved-include', `${what}: ${resolved.message}; ${unknown}`, loc);
      if (sink) sink.events.push(d);
      else merged.diagnostics.push(d);
      return undefined;
    }
    if (sink) sink.includes.push(resolved.real);
    else included.add(resolved.real);
    // Read and parsed once however often it is included (fan-out); the same tree lets the resolver reuse its values too.
    const key = `${dialect}\0${target}`;
    let inc = includes.get(key);
    if (!inc) {
      // Read by the path the config names, so a diagnostic of the included file points at that path.
      inc = { parsed: parse(target, dialect), reported: false };
      includes.set(key, inc);
    }
    // Its diagnostics are reported once, where it is first included by a config that is analysed.
    if (sink) sink.events.push(inc);
    else reportInclude(inc);
    return inc.parsed.root;
  };
  const reportInclude = (inc: { parsed: ParsedFile; reported: boolean }) => {
    if (inc.reported) return;
    inc.reported = true;
    append(merged.diagnostics, inc.parsed.diagnostics);
  };

  const add = (part: ModelPart) => {
    for (const key of Object.keys(merged) as (keyof ModelPart)[]) append(merged[key] as unknown[], part[key]);
  };

  // A file named on the command line is classified by what it holds, whatever its name.
  const serverlessFiles = candidates.filter(
    (c) => c.kind === 'serverless' || c.kind === 'serverless-code' || (c.kind === 'template' && c.explicit && looksLikeServerless(c.path, options.root, options.maxFileSize)),
  );
  let done = 0;
  const progress = (file: string) => options.onProgress?.((0.6 * done++) / Math.max(1, candidates.length), file);
  for (const c of serverlessFiles) {
    const { isAwsProvider, loadServerlessConfig, VariableResolver } = serverlessLoaders(serverless);
    progress(c.path);
    // The files this config is written in besides its own: findings there speak its format.
    const parts: string[] = [];
    const parsed = c.kind === 'serverless-code' ? readCode(c.path, parts) : parse(c.path, 'serverless');
    append(merged.diagnostics, parsed.diagnostics);
    if (!parsed.root) {
      if (!notAnalysed.some((n) => n.file === rel(c.path) && n.function === undefined)) unparsed(rel(c.path), parsed.diagnostics);
      continue;
    }
    if (!isMap(parsed.root)) {
      skipFile(rel(c.path), NOT_A_CONFIG, 'not a Serverless Framework config (top level is not a map)');
      continue;
    }
    if (!isAwsProvider(parsed.root)) {
      skipFile(rel(c.path), 'not AWS', 'the provider is not AWS: only AWS is analysed');
      continue;
    }
    const file = rel(c.path);
    const resolver = new VariableResolver(parsed.root, file, {
      ...(options.stage ? { stage: options.stage } : {}),
      ...(options.region ? { region: options.region } : {}),
      params: options.params,
      ...(options.allowEnv ? { env: process.env } : {}),
      readFile: (fromFile, relPath, loc) => {
        parts.push(rel(includeTarget(fromFile, relPath)));
        return include(fromFile, relPath, loc, `\${file(${relPath})}`, 'the values it would provide stay unknown', 'serverless');
      },
    });
    try {
      const config = resolver.resolve(parsed.root);
      add(loadServerlessConfig(config, { file, kind: 'serverless', ...(parts.length > 0 ? { parts: [...new Set(parts)] } : {}) }));
      filesAnalysed++;
    } catch (err) {
      merged.diagnostics.push(internalError(err, file));
    }
    append(merged.diagnostics, resolver.diagnostics);
  }

  // Each template is loaded as soon as it is parsed, so its tree is garbage before the next file
  // (keeping every tree until the end costs more memory than the whole model); what a load adds
  // waits in its slot, so the model and diagnostics keep the order of the files, and a template
  // found to be a packaging output once all are parsed is dropped with everything it added.
  interface Slot {
    readonly file: string;
    readonly abs: string;
    readonly real: string;
    readonly facts: PackagingFacts;
    readonly part: ModelPart | undefined;
    readonly sink: TemplateSink;
  }
  const slots: Slot[] = [];
  for (const c of candidates.filter((c) => c.kind === 'template' && !serverlessFiles.includes(c))) {
    progress(c.path);
    if (included.has(c.real)) continue;
    standalone.push(c.real);
    const file = rel(c.path);
    const parsed = parseCandidate(c.path, !c.explicit, 'cloudformation');
    if (!parsed) continue;
    const kind = parsed.root ? templateKind(parsed.root) : undefined;
    if (!kind) {
      // Broken YAML we cannot classify: report it only if it looked like a template.
      if (!parsed.root && parsed.diagnostics.length > 0) {
        append(merged.diagnostics, parsed.diagnostics);
        unparsed(file, parsed.diagnostics);
      } else if (c.explicit) skipFile(file, NOT_A_CONFIG, 'not a Serverless, SAM or CloudFormation file');
      else notes.push(`${file}: not a Serverless, SAM or CloudFormation file; ignored`);
      continue;
    }
    append(merged.diagnostics, parsed.diagnostics);
    const sink: TemplateSink = { events: [], includes: [] };
    const includeApiDefinition = (fromFile: string, relPath: string, loc: Location, what: string) =>
      include(fromFile, relPath, loc, what, "the API's operations and their authorizers stay unknown", 'cloudformation', sink);
    let part: ModelPart | undefined;
    try {
      part = loadTemplate(parsed.root!, { input: { file, kind }, include: includeApiDefinition });
    } catch (err) {
      sink.events.push(internalError(err, file));
    }
    slots.push({ file, abs: c.path, real: c.real, facts: packagingFacts(file, parsed.root!), part, sink });
  }
  // A committed `sam package` output next to its source: analysing both would report everything twice.
  const treeOf = (file: string) => {
    const slot = slots.find((s) => s.file === file);
    // A template's tree is parsed again: only for a likely pair (same resources, neighbouring folders).
    return slot && parse(slot.abs, 'cloudformation').root;
  };
  const packaged = packagedTemplates(
    slots.map((s) => s.facts),
    serverlessFiles.map((c) => rel(c.path)),
    treeOf,
  );
  for (const { file, real, part, sink } of slots) {
    const source = packaged.get(file);
    if (source) {
      skipFile(file, PACKAGED_KIND, `packaging output of ${source} (its code locations are on S3, everything else is the same): ${source} is analysed instead`);
      continue;
    }
    for (const r of sink.includes) included.add(r);
    for (const event of sink.events) {
      if ('parsed' in event) reportInclude(event);
      else merged.diagnostics.push(event);
    }
    if (part) {
      add(part);
      filesAnalysed++;
      standaloneAnalysed.push(real);
    }
  }
  return {
    project: { root: options.root, ...merged, handlers: [] },
    filesAnalysed,
    notes,
    notAnalysed,
    included: [...included],
    standalone,
    standaloneAnalysed,
  };
}

/** What a template's load adds besides its model part, in order: diagnostics, and the included files whose diagnostics are reported at their first use. */
interface TemplateSink {
  readonly events: (Diagnostic | { readonly parsed: ParsedFile; reported: boolean })[];
  readonly includes: string[];
}

/** A serverless config named unusually (a fixture, `serverless.prod.yml`): a top-level `service` and `provider`, and no template marker. */
function looksLikeServerless(abs: string, root: string, maxFileSize: number): boolean {
  const read = readConfinedText(abs, root, maxFileSize);
  if (!read.ok) return false;
  // `[ \t]*`, not `\s*`: with the `m` flag `\s*` would run on from every line start over the blank lines below it, a quadratic cost.
  return /^[ \t]*["']?service["']?[ \t]*:/m.test(read.text) && /^[ \t]*["']?provider["']?[ \t]*:/m.test(read.text) && !/AWSTemplateFormatVersion/.test(read.text);
}

/** JSON through the fast JSON parser; anything else (or JSON-looking text it rejects, like YAML flow maps) through YAML. */
function parseText(text: string, file: string, dialect: YamlDialect): ParsedFile {
  if (looksLikeJson(file, text)) {
    const json = parseJsonLocated(text, file);
    if (json.root || file.endsWith('.json')) return json;
  }
  return parseLocated(text, file, dialect);
}

/** Summary labels of the diagnostics that leave a file without a tree. */
const UNPARSED_KIND: Readonly<Record<string, string>> = ownTable({ 'parse-error': 'parse error', 'read-error': 'unreadable', 'file-too-large': 'too large' });

const TEMPLATE_MARKERS = /AWSTemplateFormatVersion|AWS::|Transform/;

function templateKind(root: Node): InputKind | undefined {
  if (!isMap(root)) return undefined;
  const transform = get(root, 'Transform');
  const transforms = isSeq(transform) ? transform.items.map(str) : [str(transform)];
  const resources = get(root, 'Resources');
  const types = isMap(resources) ? resources.entries.map((r) => str(get(r.value, 'Type')) ?? '') : [];
  const sam = transforms.some((t) => t?.startsWith('AWS::Serverless')) || types.some((t) => t.startsWith('AWS::Serverless::'));
  if (sam) return 'sam';
  if (get(root, 'AWSTemplateFormatVersion') !== undefined) return 'cloudformation';
  if (types.some((t) => /^(AWS|Custom|Alexa)::/.test(t))) return 'cloudformation';
  return undefined;
}

function internalError(err: unknown, file: string): Diagnostic {
  return diagnostic('internal-error', `faaslint failed on this file (please report it): ${(err as Error).message ?? String(err)}`, pointLocation(file));
}

