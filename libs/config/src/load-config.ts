import { z } from 'zod';
import { productionSecretProblems, secretVariables } from './secrets';

/** Raised when the environment does not satisfy a service's schema; the message is one line. */
export class ConfigError extends Error {
  constructor(
    readonly variables: string[],
    message: string,
  ) {
    super(message);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

/**
 * Validates the environment against a service's schema. Empty strings count as unset so that
 * `FOO=` in a compose file falls back to the default instead of failing as "malformed". In
 * production the schema's secrets must also be the operator's own (`productionSecretProblems`).
 */
export function loadConfig<S extends z.ZodType>(schema: S, env: Env = process.env): z.infer<S> {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const result = schema.safeParse(cleaned);
  const secretNames = new Set(secretVariables(schema).map(([name]) => name));
  const redact = (variable: string, value: string) =>
    secretNames.has(variable) || SECRET_NAME.test(variable) ? '<redacted>' : value;
  const problems = result.success
    ? []
    : result.error.issues.map((issue) => {
        const variable = issue.path.length > 0 ? String(issue.path[0]) : '(environment)';
        const received = cleaned[variable];
        const shown =
          received === undefined ? 'missing' : `got ${JSON.stringify(redact(variable, received))}`;
        return { variable, text: `${variable}: ${issue.message} (${shown})` };
      });
  // The secrets' production rules are checked even when another variable is wrong, so one
  // start names every problem.
  if (cleaned.NODE_ENV === 'production')
    problems.push(...productionSecretProblems(schema, cleaned));
  if (problems.length > 0) return failWith(problems);
  return result.data as z.infer<S>;
}

function failWith(problems: { variable: string; text: string }[]): never {
  throw new ConfigError(
    [...new Set(problems.map((problem) => problem.variable))],
    `invalid configuration: ${problems.map((problem) => problem.text).join('; ')}`,
  );
}

/** Names that look secret are redacted too, for schemas that do not mark their secrets. */
const SECRET_NAME = /(SECRET|PASSWORD|TOKEN|KEY)/;
