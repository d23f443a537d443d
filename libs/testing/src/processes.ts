import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { eventually } from './eventually';
import { startGroupAtTopicEnds } from './kafka';

/** A TCP port nobody listens on right now, for servers whose URL must be known in advance. */
export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

export interface DevOidcProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  stop(): Promise<void>;
}

/**
 * Starts the local OpenID provider (scripts/oidc/dev-provider.mjs, the stand-in for Google) as
 * its own process: it is an ES module, and a real separate server is what the tenant talks to.
 */
export async function startDevOidcProvider(redirectUris: string[]): Promise<DevOidcProvider> {
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  const clientSecret = randomBytes(32).toString('hex');
  const child: ChildProcess = spawn(
    process.execPath,
    [resolve(__dirname, '../../../scripts/oidc/dev-provider.mjs')],
    {
      env: {
        ...process.env,
        OIDC_DEV_PORT: String(port),
        OIDC_DEV_REDIRECT_URIS: redirectUris.join(','),
        OIDC_DEV_CLIENT_ID: 'parley-test',
        OIDC_DEV_CLIENT_SECRET: clientSecret,
      },
      stdio: 'ignore',
    },
  );
  await eventually(async () => {
    const response = await fetch(`${issuer}/.well-known/openid-configuration`);
    if (!response.ok) throw new Error(`provider answered ${response.status}`);
  });
  return {
    issuer,
    clientId: 'parley-test',
    clientSecret,
    stop: () =>
      new Promise((done) => {
        if (child.exitCode !== null) return done();
        child.once('exit', () => done());
        child.kill('SIGTERM');
      }),
  };
}

export interface ServiceProcess {
  url: string;
  child: ChildProcess;
  /** `kill -9`: no shutdown hook runs, sockets drop, as when a machine dies. */
  kill(): Promise<void>;
}

/**
 * Starts a built service (`dist/`, made by `npm run build`) as its own process. A consumer group
 * it is given that never consumed starts at the end of each topic, as in `startTestService`.
 */
export async function spawnService(
  name: string,
  env: Record<string, string>,
): Promise<ServiceProcess> {
  if (env.KAFKA_CONSUMER_GROUP) await startGroupAtTopicEnds(env.KAFKA_CONSUMER_GROUP);
  const port = await freePort();
  const entry = resolve(__dirname, `../../../dist/apps/${name}/src/main.js`);
  const child = spawn(process.execPath, [entry], {
    env: { ...process.env, LOG_LEVEL: 'warn', ...env, PORT: String(port) },
    stdio: 'ignore',
  });
  const url = `http://127.0.0.1:${port}`;
  await eventually(
    async () => {
      if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}`);
      const response = await fetch(`${url}/api/${name}/health`);
      if (response.status !== 200) throw new Error(`${name} health ${response.status}`);
    },
    { timeoutMs: 60_000 },
  );
  return {
    url,
    child,
    kill: () =>
      new Promise((done) => {
        if (child.exitCode !== null || child.signalCode !== null) return done();
        child.once('exit', () => done());
        child.kill('SIGKILL');
      }),
  };
}

/**
 * A built command (`dist/<path>`, as `npm run build` leaves it) run to its end as an operator
 * runs it, with these settings over the environment: its output, or an error holding it.
 */
export function runBuiltCommand(path: string, env: Record<string, string>): Promise<string> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [resolve(__dirname, '../../../dist', path)], {
      env: { ...process.env, ...env },
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) =>
      code === 0 ? done(output) : fail(new Error(`${path} exited ${code}: ${output}`)),
    );
  });
}
