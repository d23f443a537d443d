import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * A fault of the local stack (started by the bench scripts, whose pid files are in `runDir`):
 * `inject` breaks it, `repair` (when there is one) brings the part back, as an operator or an
 * orchestrator would, `outageSeconds` later (0: a restart, started again at once).
 */
export interface Fault {
  name: string;
  describe: string;
  outageSeconds?: number;
  inject(): Promise<void>;
  repair?(): Promise<void>;
}

function pidOf(runDir: string, name: string): number {
  return Number(readFileSync(resolve(runDir, `${name}.pid`), 'utf8').trim());
}

async function killHard(runDir: string, name: string): Promise<void> {
  process.kill(pidOf(runDir, name), 'SIGKILL');
}

/**
 * scripts/infra.sh for one part of the infrastructure, on the stack's own data directory; not
 * blocking, so the load and its clocks go on meanwhile.
 */
async function infra(command: 'up' | 'down', part: string): Promise<void> {
  await promisify(execFile)('bash', ['scripts/infra.sh', command, part]);
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
        describe: 'a Redis restart: stopped (SIGTERM) and started again at once',
        outageSeconds: 0,
        inject: () => infra('down', 'redis'),
        repair: () => infra('up', 'redis'),
      };
    case 'kafka':
      return {
        name,
        describe: 'kill -9 of the Kafka broker, started again 10 s later',
        outageSeconds: 10,
        inject: () => killHard(runDir, 'kafka'),
        repair: () => infra('up', 'kafka'),
      };
    case 'mongo':
      return {
        name,
        describe:
          'a restart of the MongoDB-protocol server (FerretDB): stopped and started again at once',
        outageSeconds: 0,
        inject: () => infra('down', 'mongo'),
        repair: () => infra('up', 'mongo'),
      };
    default:
      throw new Error(`no drill "${name}": chat-replica, redis, kafka or mongo`);
  }
}
