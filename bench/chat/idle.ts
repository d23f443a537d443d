import { type ChildProcess, fork } from 'node:child_process';
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

/** Idle visitor sockets held open by child processes until `close`. */
export interface IdleSockets {
  connected: number;
  failed: number;
  /** How many of them are connected now (a socket the server closed stays closed). */
  stillConnected(): Promise<number>;
  close(): Promise<void>;
}

/** Opens `count` idle visitor sockets on `url` from child processes, and holds them open. */
export async function openIdleSockets(options: {
  url: string;
  auths: Array<Record<string, unknown>>;
  count: number;
}): Promise<IdleSockets> {
  const { count } = options;
  const children = Array.from({ length: Math.ceil(count / PER_CHILD) }, () =>
    fork(resolve(__dirname, 'idle-clients.js'), { stdio: 'inherit' }),
  );
  const answer = <T>(child: ChildProcess, order: object | string) =>
    new Promise<T>((done) => {
      child.once('message', (report) => done(report as T));
      child.send(order);
    });
  const reports = await Promise.all(
    children.map((child, index) =>
      answer<{ connected: number; failed: number }>(child, {
        url: options.url,
        auths: options.auths,
        count: Math.min(PER_CHILD, count - index * PER_CHILD),
      }),
    ),
  );
  return {
    connected: reports.reduce((sum, report) => sum + report.connected, 0),
    failed: reports.reduce((sum, report) => sum + report.failed, 0),
    async stillConnected() {
      const counts = await Promise.all(
        children.map((child) => answer<{ stillConnected: number }>(child, 'count')),
      );
      return counts.reduce((sum, report) => sum + report.stillConnected, 0);
    },
    async close() {
      for (const child of children) child.send('close');
      await Promise.all(children.map((child) => new Promise((done) => child.once('exit', done))));
    },
  };
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
  const sockets = await openIdleSockets({ url: options.url, auths: options.auths, count });
  // Let the server settle (timers, garbage collection) before reading its memory.
  await new Promise((done) => setTimeout(done, 15_000));
  const after = rssBytes(options.pid);
  await sockets.close();
  return {
    asked: options.count,
    openFilesLimit: limit,
    connections: sockets.connected,
    failed: sockets.failed,
    rssBeforeMb: Math.round(before / 1048576),
    rssAfterMb: Math.round(after / 1048576),
    kbPerConnection:
      Math.round(((after - before) / Math.max(1, sockets.connected) / 1024) * 10) / 10,
  };
}
