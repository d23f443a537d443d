import { fork } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const PER_CHILD = 6000;

export interface IdleResult {
  /** Asked for; fewer are opened when the process's open-files limit would not allow them. */
  asked: number;
  openFilesLimit: number;
  connections: number;
  failed: number;
  rssBeforeMb: number;
  rssAfterMb: number;
  kbPerConnection: number;
}

/** Resident memory of a process, from /proc. */
export function rssBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) * 1024;
}

/** Sockets the process can still open: its open-files limit less what it holds, less headroom. */
function socketsAllowed(pid: number): { limit: number; allowed: number } {
  const limits = readFileSync(`/proc/${pid}/limits`, 'utf8');
  const limit = Number(/Max open files\s+(\d+)/.exec(limits)![1]);
  const open = readdirSync(`/proc/${pid}/fd`).length;
  return { limit, allowed: limit - open - 32 };
}

/**
 * Opens `count` idle visitor sockets on one chat process (`url`, pid `pid`) from child
 * processes, and reports that process's resident memory per connection.
 */
export async function idleConnections(options: {
  url: string;
  pid: number;
  auths: Array<Record<string, unknown>>;
  count: number;
}): Promise<IdleResult> {
  const { limit, allowed } = socketsAllowed(options.pid);
  const count = Math.min(options.count, allowed);
  const before = rssBytes(options.pid);
  const children = Array.from({ length: Math.ceil(count / PER_CHILD) }, () =>
    fork(resolve(__dirname, 'idle-clients.js'), { stdio: 'inherit' }),
  );
  const reports = await Promise.all(
    children.map(
      (child, index) =>
        new Promise<{ connected: number; failed: number }>((done) => {
          child.once('message', (report) => done(report as { connected: number; failed: number }));
          child.send({
            url: options.url,
            auths: options.auths,
            count: Math.min(PER_CHILD, count - index * PER_CHILD),
          });
        }),
    ),
  );
  // Let the server settle (timers, garbage collection) before reading its memory.
  await new Promise((done) => setTimeout(done, 15_000));
  const after = rssBytes(options.pid);
  const connections = reports.reduce((sum, report) => sum + report.connected, 0);
  for (const child of children) child.send('close');
  await Promise.all(children.map((child) => new Promise((done) => child.once('exit', done))));
  return {
    asked: options.count,
    openFilesLimit: limit,
    connections,
    failed: reports.reduce((sum, report) => sum + report.failed, 0),
    rssBeforeMb: Math.round(before / 1048576),
    rssAfterMb: Math.round(after / 1048576),
    kbPerConnection: Math.round(((after - before) / Math.max(1, connections) / 1024) * 10) / 10,
  };
}
