// Runs the CLI in this process and reports its peak RSS on stderr (bench helper).
import { main } from '../dist/src/cli.js';

const code = await main(process.argv.slice(2), { stdout: () => {}, stderr: (t) => process.stderr.write(t), isTTY: false, cwd: process.cwd() });
process.stderr.write(`\nBENCH ${JSON.stringify({ code, maxRssMb: process.resourceUsage().maxRSS / 1024 })}\n`);
