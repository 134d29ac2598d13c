import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './helpers.js';

/** Every TypeScript module of src/ and rules/, with the project modules it imports (type-only imports flagged). */
function importGraph(): Map<string, { target: string; typeOnly: boolean }[]> {
  const graph = new Map<string, { target: string; typeOnly: boolean }[]>();
  const walk = (dir: string): string[] =>
    fs.readdirSync(path.join(repoRoot, dir), { withFileTypes: true }).flatMap((d) => {
      const rel = `${dir}/${d.name}`;
      if (d.isDirectory()) return d.name === 'fixtures' ? [] : walk(rel);
      return d.name.endsWith('.ts') && !d.name.endsWith('.d.ts') ? [rel] : [];
    });
  for (const file of [...walk('src'), ...walk('rules')]) {
    const text = fs.readFileSync(path.join(repoRoot, file), 'utf8');
    const imports: { target: string; typeOnly: boolean }[] = [];
    for (const m of text.matchAll(/^(?:import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s+)?['"](\.{1,2}\/[^'"]+)['"]/gm)) {
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), m[2]!)).replace(/\.js$/, '.ts');
      imports.push({ target, typeOnly: Boolean(m[1]) });
    }
    for (const m of text.matchAll(/import\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g)) {
      imports.push({ target: path.posix.normalize(path.posix.join(path.posix.dirname(file), m[1]!)).replace(/\.js$/, '.ts'), typeOnly: false });
    }
    graph.set(file, imports);
  }
  return graph;
}

describe('import graph', () => {
  const graph = importGraph();

  it('sees the modules it checks (the import pattern still matches how the code imports)', () => {
    expect(graph.get('src/run.ts')?.map((i) => i.target)).toContain('src/discover.ts');
    expect(graph.get('src/load/cloudformation/template.ts')?.map((i) => i.target)).toContain('src/load/tree.ts');
    for (const [file, imports] of graph) for (const i of imports) expect(graph.has(i.target), `${file} imports ${i.target}`).toBe(true);
  });

  it('the model, IAM knowledge, the engine and the rules never import from the loaders', () => {
    const seam = (file: string) => file === 'src/model.ts' || /^(src\/iam|src\/engine|rules)\//.test(file);
    const leaks = [...graph].flatMap(([file, imports]) => (seam(file) ? imports.filter((i) => i.target.startsWith('src/load/')).map((i) => `${file} → ${i.target}`) : []));
    expect(leaks).toEqual([]);
  });

  it('only the entry points reach into the loaders from outside them: the CLI analysis and the ESLint plugin', () => {
    const callers = [...graph].filter(([file, imports]) => !file.startsWith('src/load/') && imports.some((i) => i.target.startsWith('src/load/'))).map(([file]) => file);
    // The plugin's two: the handler analyses on the program ESLint parsed, and handler files from the configs.
    expect(callers.sort()).toEqual(['src/analyse.ts', 'src/eslint/handler-facts.ts', 'src/eslint/handlers.ts']);
  });

  it('the ESLint plugin is an edge like the CLI: nothing in the core imports it, and it does not import the CLI', () => {
    const intoPlugin = [...graph].filter(([file, imports]) => !file.startsWith('src/eslint/') && imports.some((i) => i.target.startsWith('src/eslint/'))).map(([file]) => file);
    expect(intoPlugin).toEqual([]);
    const pluginIntoCli = [...graph].filter(([file, imports]) => file.startsWith('src/eslint/') && imports.some((i) => i.target === 'src/cli.ts' || i.target.startsWith('src/cli/')));
    expect(pluginIntoCli).toEqual([]);
  });

  it('imports run one way: no module reaches itself again through its imports', () => {
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const visit = (file: string, trail: string[]) => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') {
        cycles.push([...trail.slice(trail.indexOf(file)), file].join(' → '));
        return;
      }
      state.set(file, 'open');
      for (const i of graph.get(file) ?? []) if (!i.typeOnly) visit(i.target, [...trail, file]);
      state.set(file, 'done');
    };
    for (const file of graph.keys()) visit(file, []);
    expect(cycles).toEqual([]);
  });
});
