import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { eventually } from './eventually';
import { freePort } from './processes';

const repoNginx = resolve(__dirname, '../../../nginx');

export interface TestNginx {
  /** Plain HTTP; with `tls`, this server only redirects to `httpsUrl` (health checks aside). */
  url: string;
  /** The TLS server, with a throw-away self-signed certificate (`tls` only). */
  httpsUrl?: string;
  /** nginx's access log, in Parley's `parley` format. */
  accessLog: string;
  stop(): Promise<void>;
}

export interface TestNginxOptions {
  port?: number;
  /** Load balancers in front of nginx whose X-Forwarded-For it believes (EDGE_TRUSTED_LOAD_BALANCERS). */
  trustedLoadBalancers?: string[];
  /** Serve HTTPS too, as in Docker: the HTTP server then redirects to it. */
  tls?: boolean;
}

/**
 * The real nginx (Debian's, installed by scripts/infra.sh) with Parley's own routes
 * (nginx/parley.*.conf) and deployment settings (nginx/edge-settings.sh) in front of services
 * started by a test, listening on 127.0.0.1.
 */
export async function startNginx(
  upstreams: {
    tenant: string;
    chat: string[];
    /** Services a test does not start fall back to the tenant service (their routes 404). */
    analytics?: string;
    email?: string;
    integrations?: string;
  },
  options: TestNginxOptions = {},
): Promise<TestNginx> {
  const port = options.port ?? (await freePort());
  const tlsPort = options.tls ? await freePort() : undefined;
  const dir = mkdtempSync(join(tmpdir(), 'parley-nginx-'));
  const host = (url: string) => new URL(url).host;
  execFileSync('sh', [join(repoNginx, 'edge-settings.sh')], {
    env: {
      PATH: process.env.PATH,
      EDGE_SETTINGS_FILE: join(dir, 'edge-settings.conf'),
      EDGE_TRUSTED_LOAD_BALANCERS: (options.trustedLoadBalancers ?? []).join(','),
      ...(tlsPort ? { EDGE_HTTPS_ORIGIN: `https://127.0.0.1:${tlsPort}` } : {}),
    },
  });
  const tlsServer = tlsPort
    ? `  server {
    listen 127.0.0.1:${tlsPort} ssl;
    ssl_certificate ${selfSignedCertificate(dir)}/parley.crt;
    ssl_certificate_key ${dir}/parley.key;
    include ${repoNginx}/parley.tls.conf;
    include ${repoNginx}/parley.locations.conf;
  }`
    : '';
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
  include ${dir}/edge-settings.conf;
  access_log ${dir}/access.log parley;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  upstream parley_tenant { server ${host(upstreams.tenant)}; }
  upstream parley_analytics { server ${host(upstreams.analytics ?? upstreams.tenant)}; }
  upstream parley_email { server ${host(upstreams.email ?? upstreams.tenant)}; }
  upstream parley_integrations { server ${host(upstreams.integrations ?? upstreams.tenant)}; }
  upstream parley_chat {
    hash $chat_affinity consistent;
${upstreams.chat.map((url) => `    server ${host(url)};`).join('\n')}
  }
  server {
    listen 127.0.0.1:${port};
    include ${repoNginx}/${tlsPort ? 'parley.https-redirect.conf' : 'parley.locations.conf'};
  }
${tlsServer}
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
    ...(tlsPort ? { httpsUrl: `https://127.0.0.1:${tlsPort}` } : {}),
    accessLog: join(dir, 'access.log'),
    stop: () =>
      new Promise((done) => {
        if (child.exitCode !== null) return done();
        child.once('exit', () => done());
        child.kill('SIGQUIT');
      }),
  };
}

/** A throw-away certificate for 127.0.0.1 in `dir`; returns `dir`. */
function selfSignedCertificate(dir: string): string {
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-keyout',
      join(dir, 'parley.key'),
      '-out',
      join(dir, 'parley.crt'),
    ],
    { stdio: 'ignore' },
  );
  return dir;
}
