import { z } from 'zod';

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
 * `FOO=` in a compose file falls back to the default instead of failing as "malformed".
 */
export function loadConfig<S extends z.ZodType>(schema: S, env: Env = process.env): z.infer<S> {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const result = schema.safeParse(cleaned);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const variable = issue.path.length > 0 ? String(issue.path[0]) : '(environment)';
    const received = cleaned[variable];
    const shown =
      received === undefined ? 'missing' : `got ${JSON.stringify(redact(variable, received))}`;
    return { variable, text: `${variable}: ${issue.message} (${shown})` };
  });
  return failWith(problems);
}

function failWith(problems: { variable: string; text: string }[]): never {
  throw new ConfigError(
    [...new Set(problems.map((problem) => problem.variable))],
    `invalid configuration: ${problems.map((problem) => problem.text).join('; ')}`,
  );
}

const SECRET_NAME = /(SECRET|PASSWORD|TOKEN|KEY)/;

function redact(variable: string, value: string): string {
  return SECRET_NAME.test(variable) ? '<redacted>' : value;
}
