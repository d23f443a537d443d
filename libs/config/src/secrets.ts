import { z } from 'zod';
import { REPOSITORY_SECRET_VALUES } from './repository-secrets';

/** Parley's own keys are random values of at least this many bytes (`openssl rand -base64 48`). */
export const MIN_SECRET_BYTES = 32;

interface SecretMeta {
  /** Parley's own key (held to MIN_SECRET_BYTES), or a value a provider issues (any length). */
  origin: 'parley' | 'provider';
  /** Set when a local run may fall back to a value from the repository; production never does. */
  developmentDefault?: string;
  /** The secret part of a variable that holds more than the secret (a URL's password). */
  secretPart?: (value: string) => string;
}

/** Marks the variables that hold secrets, so `loadConfig` holds each to production's rules. */
export const secretRegistry = z.registry<SecretMeta>();

const atLeastMinBytes = (value: string) => Buffer.byteLength(value, 'utf8') >= MIN_SECRET_BYTES;

/**
 * One of Parley's own keys. Outside production it may fall back to `developmentDefault`; in
 * production it must be set, to a value of 32+ bytes that appears nowhere in the repository.
 */
export function parleyKey(developmentDefault: string) {
  const schema = z
    .string()
    .refine(atLeastMinBytes, `at least ${MIN_SECRET_BYTES} bytes`)
    .default(developmentDefault);
  return schema.register(secretRegistry, { origin: 'parley', developmentDefault });
}

/** A secret a provider issues (OAuth client secret, API token): optional, never a repository value. */
export function providerSecret() {
  const schema = z.string().min(1).optional();
  return schema.register(secretRegistry, { origin: 'provider' });
}

/**
 * A secret a provider issues that a local run takes from the repository (the local S3 server's
 * key): production requires it and refuses the local value, with no rule on its length.
 */
export function providerSecretWithLocalDefault(developmentDefault: string) {
  const schema = z.string().min(1).default(developmentDefault);
  return schema.register(secretRegistry, { origin: 'provider', developmentDefault });
}

/** A URL whose password is a secret (SMTP): the password may not be a repository value. */
export function withSecretPassword<S extends z.ZodType>(schema: S): S {
  secretRegistry.add(schema, {
    origin: 'provider',
    secretPart: (value) => {
      try {
        return decodeURIComponent(new URL(value).password);
      } catch {
        return '';
      }
    },
  });
  return schema;
}

export interface SecretProblem {
  variable: string;
  text: string;
}

/**
 * What production refuses in the secrets of a service's environment: a missing key, a value
 * published in the repository (anyone could mint tokens with it), a key shorter than 32 bytes,
 * and one value used for two purposes (a key must not open another purpose's tokens). Never
 * repeats a value.
 */
export function productionSecretProblems(
  schema: z.ZodType,
  env: Record<string, string | undefined>,
): SecretProblem[] {
  const secrets = secretVariables(schema);
  const problems: SecretProblem[] = [];
  const firstUser = new Map<string, string>();
  for (const [variable, meta] of secrets) {
    const raw = env[variable];
    if (raw === undefined || raw === '') {
      if (meta.developmentDefault !== undefined)
        problems.push({ variable, text: `${variable}: required in production (missing)` });
      continue;
    }
    const value = meta.secretPart ? meta.secretPart(raw) : raw;
    if (value === '') continue;
    if (isRepositoryValue(value, meta)) {
      problems.push({
        variable,
        text: `${variable}: a value published in the Parley repository; generate your own (scripts/generate-secrets.sh)`,
      });
    } else if (meta.origin === 'parley' && !atLeastMinBytes(value)) {
      problems.push({ variable, text: `${variable}: shorter than ${MIN_SECRET_BYTES} bytes` });
    } else if (firstUser.has(value)) {
      problems.push({
        variable,
        text: `${variable}: the same value as ${firstUser.get(value)}; each purpose needs its own key`,
      });
    }
    if (!firstUser.has(value)) firstUser.set(value, variable);
  }
  return problems;
}

/** The secret variables of a service's schema, by name. */
export function secretVariables(schema: z.ZodType): [string, SecretMeta][] {
  return Object.entries(shapeOf(schema)).flatMap(([variable, field]) => {
    const meta = secretRegistry.get(field);
    return meta ? [[variable, meta] as [string, SecretMeta]] : [];
  });
}

function isRepositoryValue(value: string, meta: SecretMeta): boolean {
  return value === meta.developmentDefault || REPOSITORY_SECRET_VALUES.includes(value);
}

function shapeOf(schema: z.ZodType): Record<string, z.ZodType> {
  if (schema instanceof z.ZodObject) return schema.shape as Record<string, z.ZodType>;
  if (schema instanceof z.ZodPipe) return shapeOf(schema.in as z.ZodType);
  return {};
}
