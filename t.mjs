import { lint } from './dist/src/run.js';
for (const p of process.argv.slice(2)) {
  const r = await lint({ paths: [p], config: false });
  for (const h of r.project.handlers) { console.log(h.file, h.exportName, 'gaps', h.sdkGaps); for (const c of h.sdkCalls) console.log('   ', c.loc.line, c.operation, c.actions.join(','), JSON.stringify(c.resource ?? {})); }
}
