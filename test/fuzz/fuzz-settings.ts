import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
/** Where each service's fuzz report is written. */
export const FUZZ_DIR = join(ROOT, '.data', 'fuzz');
/** Installed by scripts/fuzz/ensure-schemathesis.sh from scripts/fuzz/requirements.txt. */
export const SCHEMATHESIS = join(FUZZ_DIR, 'venv', 'bin', 'schemathesis');

/** Routes that end the caller's own sessions (fuzzed last, with a session of their own). */
export const SESSION_ENDING = ['/api/tenant/auth/logout-everywhere'];

const SERVICES = ['tenant', 'chat', 'analytics', 'email', 'integrations'] as const;
export type FuzzedService = (typeof SERVICES)[number];

/**
 * `FUZZ_EXAMPLES` examples per operation: a few in `npm test`, many in `npm run fuzz`.
 * `FUZZ_SERVICES` (comma-separated) fuzzes only some services, while fixing what one reported.
 */
export function fuzzSettings(): {
  examples: number;
  timeoutMs: number;
  services: FuzzedService[];
} {
  const examples = Number(process.env.FUZZ_EXAMPLES ?? 10);
  const chosen = process.env.FUZZ_SERVICES?.split(',').filter((name): name is FuzzedService =>
    (SERVICES as readonly string[]).includes(name),
  );
  return {
    examples,
    timeoutMs: Number(process.env.FUZZ_TIMEOUT_SECONDS ?? 600) * 1000,
    services: chosen?.length ? chosen : [...SERVICES],
  };
}

/**
 * schemathesis's configuration file for one run: half of the `{id}` path parameters it makes
 * are ids that exist (`knownIds`), so the answers with a body are checked too, not only 404s.
 */
export function schemathesisConfig(knownIds: string[]): string {
  if (knownIds.length === 0) return '';
  return [
    '[dictionaries.known-ids]',
    `values = ${JSON.stringify(knownIds)}`,
    '',
    '[parameters]',
    '"path.id" = { dictionary = "known-ids", probability = 0.5 }',
    '',
  ].join('\n');
}

/** One schemathesis run over one service's document, with the three checks the API promises. */
export function schemathesisArguments(
  service: string,
  baseUrl: string,
  authorization: string,
): string[] {
  return [
    'run',
    `${baseUrl}/api/${service}/docs/openapi.json`,
    // The documents' paths carry the `/api/<service>` prefix themselves.
    '--url',
    baseUrl,
    '--checks',
    'not_a_server_error,status_code_conformance,response_schema_conformance,content_type_conformance',
    '--max-examples',
    String(fuzzSettings().examples),
    '--header',
    `Authorization: ${authorization}`,
    // The same examples every run, so a failure seen once can be seen again.
    '--generation-deterministic',
    '--no-color',
  ];
}
