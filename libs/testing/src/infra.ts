import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

const script = resolve(__dirname, '../../../scripts/infra.sh');

/** Stops or starts one part of the local infrastructure, for fault tests. */
export function infra(action: 'up' | 'down', part: 'kafka' | 'redis' | 'mongo' | 'smtp'): void {
  execFileSync('bash', [script, action, part], { stdio: 'pipe', timeout: 120000 });
}
