import path from 'node:path';
import { escapeControl } from './report/sanitize.js';

/** How long a scan runs before progress appears: short scans stay silent. */
const DELAY_MS = 1000;
const INTERVAL_MS = 100;

/**
 * Progress on a terminal's stderr: how far the scan is (config files, handlers, rules) and what
 * it is working on, redrawn in place.
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
      // A file shows its folder (the project at work); anything else (`rule x`) shows as it is.
      const project = escapeControl(path.isAbsolute(file) ? path.relative(root, path.dirname(file)) || '.' : file);
      const line = `faaslint: ${Math.min(99, Math.floor(fraction * 100))}%  ${project}`;
      write(`\r\x1b[2K${line.length > 100 ? `${line.slice(0, 99)}…` : line}`);
    },
    done(): void {
      if (shown) write('\r\x1b[2K');
    },
  };
}
