import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * A fault of the local stack (started by the bench scripts, whose pid files are in `runDir`):
 * `inject` breaks it, `repair` (when there is one) brings the part back, as an operator or an
 * orchestrator would after `outageMs`.
 */
export interface Fault {
  name: string;
  describe: string;
  inject(): void;
  repair?(): void;
}

function pidOf(runDir: string, name: string): number {
  return Number(readFileSync(resolve(runDir, `${name}.pid`), 'utf8').trim());
}

function killHard(runDir: string, name: string): void {
  process.kill(pidOf(runDir, name), 'SIGKILL');
}

/** scripts/infra.sh for one part of the infrastructure, on the stack's own data directory. */
function infra(command: 'up' | 'down', part: string): void {
  execFileSync('bash', ['scripts/infra.sh', command, part], { stdio: 'ignore' });
}

export function faultNamed(name: string, runDir: string): Fault {
  switch (name) {
    case 'chat-replica':
      return {
        name,
        describe: 'kill -9 of the second chat replica; nginx sends its clients to the first',
        inject: () => killHard(runDir, 'chat-2'),
      };
    case 'redis':
      return {
        name,
        describe: 'Redis stopped (SIGTERM), started again after the outage',
        inject: () => infra('down', 'redis'),
        repair: () => infra('up', 'redis'),
      };
    case 'kafka':
      return {
        name,
        describe: 'kill -9 of the Kafka broker, started again after the outage',
        inject: () => killHard(runDir, 'kafka'),
        repair: () => infra('up', 'kafka'),
      };
    case 'mongo':
      return {
        name,
        describe: 'the MongoDB-protocol server (FerretDB) stopped, started again after the outage',
        inject: () => infra('down', 'mongo'),
        repair: () => infra('up', 'mongo'),
      };
    default:
      throw new Error(`no drill "${name}": chat-replica, redis, kafka or mongo`);
  }
}
