import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const script = resolve(__dirname, '../../nginx/edge-settings.sh');

function edgeSettings(env: Record<string, string>) {
  return spawnSync('sh', [script], { env: { PATH: process.env.PATH, ...env }, encoding: 'utf8' });
}

describe('nginx/edge-settings.sh', () => {
  it('trusts no load balancer unless told, and redirects to the request’s own host', () => {
    const { status, stdout } = edgeSettings({});
    expect(status).toBe(0);
    expect(stdout).not.toContain('real_ip');
    expect(stdout).toContain('default "https://$host"');
  });

  it('turns the listed load balancers into realip settings', () => {
    const { stdout } = edgeSettings({
      EDGE_TRUSTED_LOAD_BALANCERS: '10.0.0.0/16, 192.0.2.7',
      EDGE_HTTPS_ORIGIN: 'https://chat.example.com/',
    });
    expect(stdout.split('\n')).toEqual(
      expect.arrayContaining([
        'real_ip_header X-Forwarded-For;',
        'real_ip_recursive on;',
        'set_real_ip_from 10.0.0.0/16;',
        'set_real_ip_from 192.0.2.7;',
        'map $host $parley_https_origin { default "https://chat.example.com"; }',
      ]),
    );
  });

  it.each([
    [{ EDGE_TRUSTED_LOAD_BALANCERS: '10.0.0.1; deny all' }, 'EDGE_TRUSTED_LOAD_BALANCERS'],
    [{ EDGE_TRUSTED_LOAD_BALANCERS: 'lb.internal' }, 'EDGE_TRUSTED_LOAD_BALANCERS'],
    [{ EDGE_HTTPS_ORIGIN: 'http://chat.example.com' }, 'EDGE_HTTPS_ORIGIN'],
    [{ EDGE_HTTPS_ORIGIN: 'https://x"; }' }, 'EDGE_HTTPS_ORIGIN'],
  ])('refuses %j, naming the variable', (env, variable) => {
    const { status, stderr } = edgeSettings(env);
    expect(status).not.toBe(0);
    expect(stderr).toContain(variable);
  });
});
