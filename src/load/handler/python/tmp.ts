import type { TmpWrite } from '../../../model.js';
import { compilePathGlob, matchPathGlob } from '../../../glob.js';
import type { PyAnalysis } from './analysis.js';
import { moduleOf, resolveName, type PyModule, type PyVariable } from './module.js';
import { argumentsFor } from './calls.js';
import { ownCode } from './reach.js';
import { argument, callArguments, enclosingStatement, field, locationOf, named, shortText, stringValue, textOf, unparen, walk, type PyNode } from './tree.js';
import { externalPath } from './values.js';
import { trimTrailing } from '../../../text.js';
import { ownTable } from '../../../own.js';

/** Library calls that write a file, and which argument (position, keyword) names it. */
const FILE_WRITERS: Readonly<Record<string, readonly [number, string]>> = ownTable({
  'shutil.copy': [1, 'dst'], 'shutil.copy2': [1, 'dst'], 'shutil.copyfile': [1, 'dst'], 'shutil.copytree': [1, 'dst'], 'shutil.move': [1, 'dst'],
  'os.rename': [1, 'dst'], 'os.replace': [1, 'dst'], 'urllib.request.urlretrieve': [1, 'filename'], 'numpy.save': [0, 'file'],
  'numpy.savetxt': [0, 'fname'], 'numpy.savez': [0, 'file'],
});
/** Methods that write to the path they are given (pandas, matplotlib, PIL, archives, boto3 downloads handled apart). */
const WRITER_METHODS: Readonly<Record<string, readonly [number, string]>> = ownTable({
  to_csv: [0, 'path_or_buf'], to_parquet: [0, 'path'], to_json: [0, 'path_or_buf'], to_excel: [0, 'excel_writer'], to_pickle: [0, 'path'],
  to_feather: [0, 'path'], savefig: [0, 'fname'], save: [0, 'fp'], extractall: [0, 'path'], extract: [1, 'path'],
});
const PATH_METHODS_WRITE = new Set(['write_text', 'write_bytes', 'touch', 'mkdir']);
const REMOVERS = new Set(['os.remove', 'os.unlink', 'os.rmdir', 'os.removedirs', 'shutil.rmtree']);
const PATH_REMOVERS = new Set(['unlink', 'rmdir']);
const TMP = /^\/tmp(\/|$)/;

interface PathFacts {
  readonly tmp: boolean;
  /** Inside a `tempfile.TemporaryDirectory()`/`NamedTemporaryFile()` context: removed when the block ends. */
  readonly autoRemoved: boolean;
}

/** Whether a path expression lands under /tmp, and whether a `tempfile` context manager removes it. */
function pathFacts(a: PyAnalysis, module: PyModule, node: PyNode | undefined, depth = 0): PathFacts {
  const none = { tmp: false, autoRemoved: false };
  if (!node || depth > 6) return none;
  const n = unparen(node);
  const literal = stringValue(module.text, n);
  if (literal !== undefined) return { tmp: TMP.test(literal), autoRemoved: false };
  switch (n.type) {
    case 'string': {
      // f"/tmp/{name}", f"{TMP_DIR}/{name}"
      const first = n.children.find((c) => c.type === 'string_content' || c.type === 'interpolation');
      if (first?.type === 'string_content') return { tmp: TMP.test(textOf(module.text, first)) || textOf(module.text, first) === '/tmp', autoRemoved: false };
      if (first?.type === 'interpolation') return pathFacts(a, module, named(first)[0], depth + 1);
      return none;
    }
    case 'binary_operator':
      // '/tmp/' + name, '/tmp/%s' % name, Path('/tmp') / name
      return pathFacts(a, module, field(n, 'left'), depth + 1);
    case 'call': {
      const callee = unparen(field(n, 'function') ?? n);
      const path = externalPath(a.ctx, module, callee);
      if (path === 'tempfile.gettempdir' || path === 'tempfile.mkdtemp' || path === 'tempfile.mkstemp' || path === 'tempfile.gettempdirb') return { tmp: true, autoRemoved: false };
      if (path === 'tempfile.TemporaryDirectory' || path === 'tempfile.NamedTemporaryFile' || path === 'tempfile.TemporaryFile') return { tmp: true, autoRemoved: isWithItem(n) };
      const args = callArguments(module.text, n);
      if (path && /^(os\.path\.(join|abspath|normpath|realpath|expanduser)|pathlib\.(Pure)?(Posix)?Path|builtins\.str|os\.fspath)$/.test(path)) return pathFacts(a, module, args.positional[0], depth + 1);
      if (callee.type === 'attribute') {
        const method = textOf(module.text, field(callee, 'attribute') ?? callee);
        // '/tmp/{}'.format(x), Path(…).joinpath(…), base.resolve()
        if (['format', 'joinpath', 'resolve', 'absolute', 'with_suffix', 'with_name', 'replace'].includes(method)) return pathFacts(a, module, field(callee, 'object'), depth + 1);
      }
      return none;
    }
    case 'attribute': {
      // `f.name` of `with NamedTemporaryFile() as f`
      const attr = textOf(module.text, field(n, 'attribute') ?? n);
      return attr === 'name' || attr === 'parent' ? pathFacts(a, module, field(n, 'object'), depth + 1) : none;
    }
    case 'identifier': {
      const v = resolveName(module, n);
      if (!v) return none;
      let tmp = false;
      let autoRemoved = false;
      for (const b of v.bindings) {
        if (b.kind === 'param') {
          // A helper's parameter: what its callers pass.
          for (const arg of argumentsFor(a, b.node, b.keyword)) {
            const f = pathFacts(a, arg.module, arg.node, depth + 1);
            tmp ||= f.tmp;
            autoRemoved ||= f.autoRemoved;
          }
          continue;
        }
        const value = b.kind === 'assign' || b.kind === 'with' ? b.value : undefined;
        if (!value || value === node) continue;
        const f = pathFacts(a, module, value, depth + 1);
        tmp ||= f.tmp;
        autoRemoved ||= f.autoRemoved || (b.kind === 'with' && f.tmp && isTempfileManager(a, module, value));
      }
      return { tmp, autoRemoved };
    }
    default:
      return none;
  }
}

function isWithItem(call: PyNode): boolean {
  const p = call.parent;
  return p?.type === 'with_item' || (p?.type === 'as_pattern' && p.parent?.type === 'with_item');
}

function isTempfileManager(a: PyAnalysis, module: PyModule, node: PyNode): boolean {
  const n = unparen(node);
  if (n.type !== 'call') return false;
  const path = externalPath(a.ctx, module, field(n, 'function'));
  if (path === 'tempfile.NamedTemporaryFile') {
    const del = callArguments(module.text, n).keywords.get('delete');
    return !del || del.type !== 'false';
  }
  return path === 'tempfile.TemporaryDirectory' || path === 'tempfile.TemporaryFile';
}

/** The variables a path expression is built from, followed through their assignments and into what callers pass a helper. */
function sourcesOf(a: PyAnalysis, module: PyModule, node: PyNode, depth = 0, acc = new Set<PyVariable>()): Set<PyVariable> {
  if (depth > 6) return acc;
  walk(node, (n) => {
    if (n.type !== 'identifier' || n.field === 'attribute' || n.field === 'name') return undefined;
    const v = resolveName(module, n);
    if (!v || acc.has(v) || v.bindings.every((b) => b.kind === 'import')) return undefined;
    acc.add(v);
    for (const b of v.bindings) {
      if (b.kind === 'param') {
        for (const arg of argumentsFor(a, b.node, b.keyword)) sourcesOf(a, arg.module, arg.node, depth + 1, acc);
        continue;
      }
      const value = b.kind === 'assign' || b.kind === 'with' || b.kind === 'for' ? b.value : undefined;
      if (value) sourcesOf(a, module, value, depth + 1, acc);
    }
    return undefined;
  });
  return acc;
}

/** String literals a path expression is built from: a removal of `/tmp/*` or of a folder clears what is under it. */
function literalsOf(module: PyModule, node: PyNode, sources: ReadonlySet<PyVariable>): string[] {
  const out: string[] = [];
  const collect = (owner: PyModule, n: PyNode) =>
    walk(n, (x) => {
      const s = x.type === 'string' ? stringValue(owner.text, x) : undefined;
      if (s !== undefined) out.push(s);
      return x.type === 'string' ? false : undefined;
    });
  collect(module, node);
  // Sources may live in other modules (a helper's callers): each value is read in its own file.
  for (const v of sources) for (const b of v.bindings) if ((b.kind === 'assign' || b.kind === 'for') && b.value) collect(moduleOf(v) ?? module, b.value);
  return out;
}

/** A removal of `/tmp/*` (a glob), `/tmp/work/` or a tree (`shutil.rmtree('/tmp/work')`) clears the files under it. */
function clearsFolderOf(removed: string, tree: boolean, written: readonly string[]): boolean {
  if (/[*?[]/.test(removed)) {
    const pattern = compilePathGlob(removed);
    return written.some((w) => matchPathGlob(pattern, w.split('/')));
  }
  if (!tree && !removed.endsWith('/')) return false;
  const folder = trimTrailing(removed, '/');
  return written.some((w) => w.startsWith(`${folder}/`));
}

interface WriteSite {
  readonly module: PyModule;
  readonly call: PyNode;
  readonly path: PyNode;
}

/** The path argument of a call that writes a file, if it is one. */
function writtenPath(a: PyAnalysis, module: PyModule, call: PyNode): PyNode | undefined {
  const callee = unparen(field(call, 'function') ?? call);
  const args = callArguments(module.text, call);
  const path = externalPath(a.ctx, module, callee);
  if (path === 'builtins.open' || path === 'io.open' || path === 'codecs.open' || path === 'gzip.open' || path === 'bz2.open' || path === 'lzma.open') {
    const mode = stringValue(module.text, argument(args, 1, 'mode'));
    return mode !== undefined && /[wax+]/.test(mode) ? argument(args, 0, 'file') ?? argument(args, 0, 'filename') : undefined;
  }
  if (path === 'zipfile.ZipFile' || path === 'tarfile.open') {
    const mode = stringValue(module.text, argument(args, 1, 'mode'));
    return mode !== undefined && /^[wax]/.test(mode) ? argument(args, 0, 'name') ?? argument(args, 0, 'file') : undefined;
  }
  if (path && FILE_WRITERS[path]) {
    const [index, keyword] = FILE_WRITERS[path]!;
    return argument(args, index, keyword);
  }
  if (callee.type !== 'attribute') return undefined;
  const method = textOf(module.text, field(callee, 'attribute') ?? callee);
  const receiver = field(callee, 'object');
  if (method === 'download_file') return args.keywords.get('Filename') ?? args.positional[args.positional.length - 1];
  if (PATH_METHODS_WRITE.has(method) || (method === 'open' && /[wax+]/.test(stringValue(module.text, argument(args, 0, 'mode')) ?? ''))) return receiver;
  const writer = WRITER_METHODS[method];
  if (writer) return argument(args, writer[0], writer[1]);
  return undefined;
}

function removedPath(a: PyAnalysis, module: PyModule, call: PyNode): PyNode | undefined {
  const callee = unparen(field(call, 'function') ?? call);
  const path = externalPath(a.ctx, module, callee);
  const args = callArguments(module.text, call);
  if (path && REMOVERS.has(path)) return argument(args, 0, 'path');
  if (callee.type === 'attribute' && PATH_REMOVERS.has(textOf(module.text, field(callee, 'attribute') ?? callee)) && !path?.startsWith('os.')) return field(callee, 'object');
  return undefined;
}

/** Files the handler writes under /tmp, and whether the same invocation removes them. */
export function tmpWrites(a: PyAnalysis): TmpWrite[] {
  const writes: WriteSite[] = [];
  const removals: { module: PyModule; sources: Set<PyVariable>; literals: string[]; tree: boolean }[] = [];
  for (const { module, node } of a.functions) {
    ownCode(node, (n) => {
      if (n.type !== 'call') return undefined;
      const removed = removedPath(a, module, n);
      if (removed) {
        const sources = sourcesOf(a, module, removed);
        const tree = externalPath(a.ctx, module, field(n, 'function')) === 'shutil.rmtree';
        removals.push({ module, sources, literals: literalsOf(module, removed, sources), tree });
        return undefined;
      }
      const written = writtenPath(a, module, n);
      if (written) writes.push({ module, call: n, path: written });
      return undefined;
    });
  }
  const out: TmpWrite[] = [];
  for (const w of writes) {
    const facts = pathFacts(a, w.module, w.path);
    if (!facts.tmp) continue;
    const sources = sourcesOf(a, w.module, w.path);
    const literals = literalsOf(w.module, w.path, sources);
    const removed =
      facts.autoRemoved ||
      removals.some(
        (r) =>
          // Variables are the same objects whatever module uses them; literals are compared within one module.
          [...r.sources].some((v) => sources.has(v)) || (r.module === w.module && r.literals.some((l) => literals.includes(l) || clearsFolderOf(l, r.tree, literals))),
      );
    out.push({
      loc: locationOf(enclosingStatement(w.call), w.module.rel),
      path: shortText(w.module.text, w.path),
      removed,
      eventDerived: a.taint.mentions(w.module, w.path),
    });
  }
  return out;
}

