import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
/** Where each service's fuzz report is written. */
export const FUZZ_DIR = join(ROOT, '.data', 'fuzz');
/** Installed by scripts/fuzz/ensure-schemathesis.sh from scripts/fuzz/requirements.txt. */
export const SCHEMATHESIS = join(FUZZ_DIR, 'venv', 'bin', 'schemathesis');

/** `FUZZ_EXAMPLES` examples per operation: a few in `npm test`, many in `npm run fuzz`. */
export function fuzzSettings(): { examples: number; timeoutMs: number } {
  const examples = Number(process.env.FUZZ_EXAMPLES ?? 10);
  return { examples, timeoutMs: Number(process.env.FUZZ_TIMEOUT_SECONDS ?? 600) * 1000 };
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
