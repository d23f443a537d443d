import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { resolve } from 'node:path';

/** Progress lines go to stderr; the report alone goes to stdout. */
export function log(line: string): void {
  process.stderr.write(`bench: ${line}\n`);
}

/** The machine a figure was measured on, for the report. */
export function machine() {
  return {
    cpus: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown'}`,
    memoryGb: Math.round(totalmem() / 1024 ** 3),
    node: process.version,
  };
}

/** Prints the report and keeps it as `<dir>/<name>-<time>.json`. */
export function writeReport(dir: string, name: string, report: { at: string }): void {
  mkdirSync(dir, { recursive: true });
  const file = resolve(dir, `${name}-${report.at.replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify(report, null, 2));
  process.stdout.write(`${JSON.stringify(report, null, 2)}\nwritten to ${file}\n`);
}

/** Runs a benchmark's main and exits: 0 when it finished, 1 with the error when it failed. */
export function runBenchmark(main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (error: Error) => {
      log(`failed: ${error.stack ?? error.message}`);
      process.exit(1);
    },
  );
}
