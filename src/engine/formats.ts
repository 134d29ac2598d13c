import type { InputKind, Project } from '../model.js';

const kinds = new WeakMap<Project, ReadonlyMap<string, InputKind>>();

/** The format of the config file a model node comes from (serverless.yml, SAM, plain CloudFormation), also for the files it includes. */
export function inputKindOf(project: Project, file: string): InputKind | undefined {
  let byFile = kinds.get(project);
  if (!byFile) {
    const map = new Map<string, InputKind>();
    for (const i of project.inputs) map.set(i.file, i.kind);
    for (const i of project.inputs) for (const part of i.parts ?? []) if (!map.has(part)) map.set(part, i.kind);
    kinds.set(project, (byFile = map));
  }
  return byFile.get(file);
}

/**
 * The remedy written for the file's own format: no Serverless plugin in a CloudFormation finding,
 * no SAM property in a serverless.yml one. An unknown file reads as plain CloudFormation, whose
 * syntax every format accepts.
 */
export function forFormat<T>(project: Project, file: string, texts: Readonly<Record<InputKind, T>>): T {
  return texts[inputKindOf(project, file) ?? 'cloudformation'];
}
