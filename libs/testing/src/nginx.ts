import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { eventually } from './eventually';
import { freePort } from './processes';

const repoNginx = resolve(__dirname, '../../../nginx');

export interface TestNginx {
  url: string;
  /** nginx's access log (Parley's `parley` format), to check what reaches it. */
  accessLogPath: string;
  stop(): Promise<void>;
}

/**
 * The real nginx (Debian's, installed by scripts/infra.sh) with Parley's own routes
 * (nginx/parley.*.conf) in front of services started by a test: plain HTTP on a free port.
 */
export async function startNginx(
  upstreams: {
    tenant: string;
    chat: string[];
    /** Services a test does not start fall back to the tenant service (their routes 404). */
    analytics?: string;
    email?: string;
  },
  options: { port?: number } = {},
): Promise<TestNginx> {
  const port = options.port ?? (await freePort());
  const dir = mkdtempSync(join(tmpdir(), 'parley-nginx-'));
  const host = (url: string) => new URL(url).host;
  writeFileSync(
    join(dir, 'nginx.conf'),
    `${process.getuid?.() === 0 ? 'user root;' : ''}
worker_processes 1;
daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 256; }
http {
  include /etc/nginx/mime.types;
  include ${repoNginx}/parley.http.conf;
  access_log ${dir}/access.log parley;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  upstream parley_tenant { server ${host(upstreams.tenant)}; }
  upstream parley_analytics { server ${host(upstreams.analytics ?? upstreams.tenant)}; }
  upstream parley_email { server ${host(upstreams.email ?? upstreams.tenant)}; }
  upstream parley_chat {
    hash $chat_affinity consistent;
${upstreams.chat.map((url) => `    server ${host(url)};`).join('\n')}
  }
  server {
    listen 127.0.0.1:${port};
    include ${repoNginx}/parley.locations.conf;
  }
}
`,
  );
  const child: ChildProcess = spawn('nginx', ['-p', repoNginx, '-c', join(dir, 'nginx.conf')], {
    stdio: 'ignore',
  });
  const url = `http://127.0.0.1:${port}`;
  await eventually(async () => {
    if (child.exitCode !== null) throw new Error(`nginx exited with ${child.exitCode}`);
    await fetch(`${url}/api/tenant/health`);
  });
  return {
    url,
    accessLogPath: join(dir, 'access.log'),
    stop: () =>
      new Promise((done) => {
        if (child.exitCode !== null) return done();
        child.once('exit', () => done());
        child.kill('SIGQUIT');
      }),
  };
}
