// Runs the CLI of a build (a checkout with dist/, given as the first argument) in this process
// and reports on stderr its peak RSS, its CPU time (all threads) and, for `-f json`, the
// number of findings per rule. Lets bench/compare.mjs run two builds the same way.
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [root, ...argv] = process.argv.slice(2);
const { main } = await import(pathToFileURL(path.join(root, 'dist', 'src', 'cli.js')).href);
let out = '';
const code = await main(argv, { stdout: (t) => (out += t), stderr: () => {}, isTTY: false, cwd: process.cwd() });
// Peak RSS and CPU time are the CLI's own: taken before the report is read back.
const cpu = process.cpuUsage();
const maxRssMb = process.resourceUsage().maxRSS / 1024;
const rules = {};
if (argv.includes('json')) {
  for (const f of JSON.parse(out).findings) rules[f.ruleId] = (rules[f.ruleId] ?? 0) + 1;
}
const stats = { code, maxRssMb, cpuMs: (cpu.user + cpu.system) / 1000, rules };
process.stderr.write(`\nBENCH ${JSON.stringify(stats)}\n`);
