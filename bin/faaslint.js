#!/usr/bin/env node
import fs from 'node:fs';

// A reader that stops early (`faaslint | head`) closes the pipe: that is not an error.
process.stdout.on('error', (err) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});

const cli = new URL('../dist/src/cli.js', import.meta.url);
if (!fs.existsSync(cli)) {
  const root = new URL('..', import.meta.url).pathname;
  process.stderr.write(`faaslint: this checkout is not built (no dist/): run \`npm run build\` (or \`npm ci\`) in ${root}\n`);
  process.exit(2);
}

const { main } = await import(cli.href);
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`faaslint: internal error (please report it): ${err?.stack ?? err}\n`);
    process.exitCode = 2;
  },
);
