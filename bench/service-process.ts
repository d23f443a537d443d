import { eventually, freePort } from '@app/testing';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, openSync } from 'node:fs';
import { resolve } from 'node:path';

export interface ServiceProcess {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/**
 * A built service (`dist/apps/<app>`) as a process of its own, so that it does not share the
 * load generator's event loop; its log goes to `logFile`. (`spawnService` of the tests finds
 * `dist/` from the sources' folder, not from the built bench's.)
 */
export async function startBuiltService(
  app: string,
  env: Record<string, string>,
  logFile: string,
): Promise<ServiceProcess> {
  const port = await freePort();
  const entry = resolve(process.cwd(), `dist/apps/${app}/src/main.js`);
  mkdirSync(resolve(logFile, '..'), { recursive: true });
  const log = openSync(logFile, 'a');
  // `env` adds the settings to the environment this process was given.
  const settings = Object.entries({ LOG_LEVEL: 'warn', ...env, PORT: String(port) }).map(
    ([name, value]) => `${name}=${value}`,
  );
  const child = spawn('env', [...settings, process.execPath, entry], {
    stdio: ['ignore', log, log],
  });
  const url = `http://127.0.0.1:${port}`;
  await eventually(
    async () => {
      if (child.exitCode !== null)
        throw new Error(`${app} exited with ${child.exitCode}: see ${logFile}`);
      const response = await fetch(`${url}/api/${app}/health`);
      if (response.status !== 200) throw new Error(`${app} health ${response.status}`);
    },
    { timeoutMs: 120_000 },
  );
  return {
    url,
    child,
    stop: () =>
      new Promise((done) => {
        if (child.exitCode !== null || child.signalCode !== null) return done();
        child.once('exit', () => done());
        child.kill('SIGTERM');
      }),
  };
}
