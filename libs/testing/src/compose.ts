import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';

const root = resolve(__dirname, '../../..');

export interface ComposeService {
  command?: string[];
  environment?: Record<string, string>;
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
}

/** Compose refused to start: a `${NAME:?why}` variable was not given. */
export class ComposeRefused extends Error {}

/**
 * docker-compose.yml's services as compose runs them for an operator whose `.env` holds
 * `operatorEnv`: `${NAME:-default}` is the operator's value or the default, `${NAME:?why}` the
 * operator's value or a refusal to start, `${NAME}` the operator's value or empty.
 */
export function composeServices(
  operatorEnv: Record<string, string> = {},
): Record<string, ComposeService> {
  const text = readFileSync(resolve(root, 'docker-compose.yml'), 'utf8').replace(
    /\$\{([A-Z_][A-Z0-9_]*)(?:(:-|:\?)([^}]*))?\}/g,
    (_, name: string, operator: string | undefined, rest: string | undefined) => {
      const given = operatorEnv[name];
      if (given) return JSON.stringify(given);
      if (operator === ':?') throw new ComposeRefused(`${name}: ${rest}`);
      return JSON.stringify(operator === ':-' ? (rest ?? '') : '');
    },
  );
  return (parse(text, { merge: true }) as { services: Record<string, ComposeService> }).services;
}

/** The `.env` an operator makes as the README says: `bash scripts/generate-secrets.sh >> .env`. */
export function generatedOperatorSecrets(): Record<string, string> {
  const lines = execFileSync('bash', [resolve(root, 'scripts/generate-secrets.sh')], {
    encoding: 'utf8',
  });
  return Object.fromEntries(
    lines
      .trim()
      .split('\n')
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
}
