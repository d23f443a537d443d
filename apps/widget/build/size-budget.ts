import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

/**
 * Prints the gzipped size of each budgeted file, as written to disk, and fails the build when
 * one is over: the widget's weight on tenants' pages only stays small if it is measured.
 */
export function sizeBudget(budgets: Record<string, number>): Plugin {
  return {
    name: 'parley-size-budget',
    apply: 'build',
    writeBundle(options) {
      for (const [fileName, limit] of Object.entries(budgets)) {
        const size = gzipSync(readFileSync(join(options.dir ?? '', fileName))).length;
        const kilobytes = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
        const line = `${fileName}: ${kilobytes(size)} gzipped (budget ${kilobytes(limit)})`;
        if (size > limit) this.error(`size budget exceeded: ${line}`);
        this.info(line);
      }
    },
  };
}
