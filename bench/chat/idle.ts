import { fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const PER_CHILD = 6000;

export interface IdleResult {
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
  const before = rssBytes(options.pid);
  const children = Array.from({ length: Math.ceil(options.count / PER_CHILD) }, () =>
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
            count: Math.min(PER_CHILD, options.count - index * PER_CHILD),
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
    connections,
    failed: reports.reduce((sum, report) => sum + report.failed, 0),
    rssBeforeMb: Math.round(before / 1048576),
    rssAfterMb: Math.round(after / 1048576),
    kbPerConnection: Math.round(((after - before) / Math.max(1, connections) / 1024) * 10) / 10,
  };
}
