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

/** Busy and total CPU time of the machine so far, over all cores. */
export function cpuTimes(): { busy: number; total: number } {
  let busy = 0;
  let total = 0;
  for (const { times } of cpus()) {
    const all = times.user + times.nice + times.sys + times.idle + times.irq;
    busy += all - times.idle;
    total += all;
  }
  return { busy, total };
}

/**
 * Waits until the machine has been mostly idle for two seconds in a row (or `maxSeconds` passed):
 * what a setup leaves behind (consumers working through its events, welcome emails) would
 * otherwise land in the first seconds of a measurement. Returns the seconds waited.
 */
export async function waitForQuietMachine(busyBelow = 0.25, maxSeconds = 60): Promise<number> {
  const started = Date.now();
  let quietSeconds = 0;
  let last = cpuTimes();
  while (quietSeconds < 2 && Date.now() - started < maxSeconds * 1000) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const now = cpuTimes();
    const busy = (now.busy - last.busy) / Math.max(1, now.total - last.total);
    quietSeconds = busy < busyBelow ? quietSeconds + 1 : 0;
    last = now;
  }
  return Math.round((Date.now() - started) / 1000);
}

/** Where a report of `at` is kept, `<dir>/<name>-<time>.<extension>` (its chart beside it). */
export function reportFile(dir: string, name: string, at: string, extension = 'json'): string {
  return resolve(dir, `${name}-${at.replace(/[:.]/g, '-')}.${extension}`);
}

/** Prints the report and keeps it as `<dir>/<name>-<time>.json`. */
export function writeReport(dir: string, name: string, report: { at: string }): void {
  mkdirSync(dir, { recursive: true });
  const file = reportFile(dir, name, report.at);
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
