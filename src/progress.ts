import path from 'node:path';

/** How long a scan runs before progress appears: short scans stay silent. */
const DELAY_MS = 1000;
const INTERVAL_MS = 100;

/**
 * Progress on a terminal's stderr: files done and the project being read, redrawn in place.
 * Shown only after a second, only on a TTY, never in CI or with --quiet.
 */
export function terminalProgress(write: (text: string) => void, root: string, started = Date.now()) {
  let last = 0;
  let shown = false;
  return {
    update(fraction: number, file: string): void {
      const now = Date.now();
      if (now - started < DELAY_MS || now - last < INTERVAL_MS) return;
      last = now;
      shown = true;
      const project = path.relative(root, path.dirname(file)) || '.';
      const line = `faaslint: ${Math.min(99, Math.floor(fraction * 100))}%  ${project}`;
      write(`\r\x1b[2K${line.length > 100 ? `${line.slice(0, 99)}…` : line}`);
    },
    done(): void {
      if (shown) write('\r\x1b[2K');
    },
  };
}
