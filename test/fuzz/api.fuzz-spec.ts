import {
  bearer,
  IntercomStandIn,
  startTestService,
  type TestService,
  TrustpilotStandIn,
} from '@app/testing';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { analyticsService } from '../../apps/analytics/src/analytics.service-definition';
import { chatService } from '../../apps/chat/src/chat.service-definition';
import { emailService } from '../../apps/email/src/email.service-definition';
import { integrationsService } from '../../apps/integrations/src/integrations.service-definition';
import { TenantFixture } from '../../apps/tenant/test/tenant-fixture';
import { type FuzzData, type KnownIds, seedFuzzData } from './fuzz-data';
import {
  FUZZ_DIR,
  fuzzSettings,
  SCHEMATHESIS,
  schemathesisArguments,
  schemathesisConfig,
  SESSION_ENDING,
} from './fuzz-settings';

const run = promisify(execFile);

/**
 * Schemathesis against every service's OpenAPI document, on the real stack: the tenant service
 * signs a real admin up, and the other four verify that admin's token through its JWKS. Any
 * 5xx, any answer outside the documented schema and any undocumented status fails the service.
 * `npm run fuzz` runs it long; scripts/test.sh runs a short version.
 */
describe('the API fuzzer finds nothing', () => {
  const settings = fuzzSettings();
  let tenant: TenantFixture;
  const others: TestService<unknown>[] = [];
  let urls: Record<keyof KnownIds, string>;
  let token: string;
  let seeded: FuzzData;
  let intercom: IntercomStandIn;
  let trustpilot: TrustpilotStandIn;

  beforeAll(async () => {
    if (!existsSync(SCHEMATHESIS))
      throw new Error(`${SCHEMATHESIS} is missing: bash scripts/fuzz/ensure-schemathesis.sh`);
    tenant = await TenantFixture.start();
    // Trustpilot's stand-in answers the connection checks the fuzzer sets off (credentials it
    // does not know: 400), so nothing leaves the machine.
    trustpilot = await TrustpilotStandIn.start();
    const jwks = { JWT_JWKS_URL: `${tenant.url}/api/tenant/.well-known/jwks.json` };
    // Chat checks Intercom tokens with the local stand-in: nothing leaves the machine.
    intercom = await IntercomStandIn.start();
    const [chat, analytics, email, integrations] = await Promise.all([
      startTestService(chatService, { ...jwks, INTERCOM_API_URL: intercom.url }),
      startTestService(analyticsService, jwks),
      startTestService(emailService, jwks),
      // In a test run webhooks reach only the networks allowed (an address where nothing
      // listens): whatever URL the fuzzer registers, nothing leaves the machine.
      startTestService(integrationsService, {
        ...jwks,
        WEBHOOK_DNS_OVERRIDES: 'hooks.fuzz.parley.test=127.0.0.9',
        WEBHOOK_ALLOWED_NETWORKS: '127.0.0.9/32',
        ...trustpilot.env,
      }),
    ]);
    others.push(chat, analytics, email, integrations);
    urls = {
      tenant: tenant.url,
      chat: chat.url,
      analytics: analytics.url,
      email: email.url,
      integrations: integrations.url,
    };
    const admin = await tenant.signup();
    token = admin.accessToken;
    seeded = await seedFuzzData(urls, admin);
    mkdirSync(FUZZ_DIR, { recursive: true });
    // Kept beside the reports: what the fuzzer was given.
    for (const [service, url] of Object.entries(urls)) {
      const document = await fetch(`${url}/api/${service}/docs/openapi.json`);
      writeFileSync(join(FUZZ_DIR, `${service}.openapi.json`), await document.text());
    }
  });

  afterAll(async () => {
    await Promise.all([
      tenant?.close(),
      trustpilot?.stop(),
      ...others.map((service) => service.close()),
    ]);
    await intercom?.stop();
  });

  /** One schemathesis run; its report goes to .data/fuzz/<report>.txt. */
  const fuzz = async (
    service: keyof KnownIds,
    report: string,
    accessToken: string,
    extra: string[],
  ) => {
    const config = join(FUZZ_DIR, `${report}.toml`);
    writeFileSync(config, schemathesisConfig(seeded.ids[service]));
    const args = [
      '--config-file',
      config,
      ...schemathesisArguments(service, urls[service], bearer(accessToken).Authorization),
      ...extra,
      // Per operation, for reading what a run met (warnings name no operation on the console).
      '--report',
      'json',
      '--report-json-path',
      join(FUZZ_DIR, `${report}.json`),
    ];
    const outcome = await run(SCHEMATHESIS, args, {
      maxBuffer: 64 * 1024 * 1024,
      timeout: settings.timeoutMs,
      // Its example database and caches go there too, not into the repository's root.
      cwd: FUZZ_DIR,
      env: { ...process.env, NO_COLOR: '1' },
    }).then(
      ({ stdout }) => ({ failed: false, output: stdout }),
      (error: { stdout?: string; stderr?: string; message: string }) => ({
        failed: true,
        output: `${error.stdout ?? ''}\n${error.stderr ?? error.message}`,
      }),
    );
    writeFileSync(join(FUZZ_DIR, `${report}.txt`), outcome.output);
    // The failures schemathesis reports, in full, are the message of a failing test.
    if (outcome.failed) throw new Error(outcome.output.slice(-20000));
  };

  it.each(settings.services)(
    'answers every generated request to the %s service as its OpenAPI document says',
    async (service) => {
      if (service === 'chat') {
        await fuzz(service, service, token, []);
        // A visitor's token opens its own room's history and look, and nothing of the staff's.
        return fuzz(service, `${service}-visitor`, seeded.visitorToken, []);
      }
      if (service !== 'tenant') return fuzz(service, service, token, []);
      // Ending the caller's sessions would turn the rest of the run into 401s: those routes
      // run last, on a session of their own.
      const ending = SESSION_ENDING.flatMap((path) => ['--exclude-path', path]);
      await fuzz(service, service, token, ending);
      const own = (await tenant.signup()).accessToken;
      const only = SESSION_ENDING.flatMap((path) => ['--include-path', path]);
      await fuzz(service, `${service}-session-ending`, own, only);
    },
    fuzzSettings().timeoutMs * 2 + 10_000,
  );
});
