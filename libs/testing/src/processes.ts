import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { eventually } from './eventually';

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
  const child: ChildProcess = spawn(
    process.execPath,
    [resolve(__dirname, '../../../scripts/oidc/dev-provider.mjs')],
    {
      env: {
        ...process.env,
        OIDC_DEV_PORT: String(port),
        OIDC_DEV_REDIRECT_URIS: redirectUris.join(','),
        OIDC_DEV_CLIENT_ID: 'parley-test',
        OIDC_DEV_CLIENT_SECRET: 'parley-test-secret',
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
    clientSecret: 'parley-test-secret',
    stop: () =>
      new Promise((done) => {
        if (child.exitCode !== null) return done();
        child.once('exit', () => done());
        child.kill('SIGTERM');
      }),
  };
}
