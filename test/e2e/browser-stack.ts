import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  type DevOidcProvider,
  freePort,
  launchBrowser,
  startDevOidcProvider,
  startNginx,
  startTestService,
  type TestNginx,
  someIp,
  type TestService,
  uniqueSuffix,
} from '@app/testing';
import { type Browser, type BrowserContext, type BrowserContextOptions } from 'playwright-core';
import { analyticsService } from '../../apps/analytics/src/analytics.service-definition';
import { chatService } from '../../apps/chat/src/chat.service-definition';
import { emailService } from '../../apps/email/src/email.service-definition';
import { tenantService } from '../../apps/tenant/src/tenant.service-definition';

const webBuild = resolve(__dirname, '../../dist/web');

/**
 * Everything a person in a browser meets: the four services for real, nginx in front serving the
 * built dashboard, widget and demo page (`npm run build:web`), the local OpenID provider standing
 * in for Google, and Debian's Chromium.
 */
export class BrowserStack {
  private constructor(
    readonly url: string,
    readonly browser: Browser,
    private readonly services: TestService<object>[],
    private readonly nginx: TestNginx,
    private readonly google: DevOidcProvider,
    private readonly clientAddress: string,
  ) {}

  /**
   * A browser of a person at this run's own address. The browser plays a client behind a load
   * balancer that nginx trusts (127.0.0.1), which names that address: the per-address limits
   * in the machine's one Redis then count this run alone, not every test run from 127.0.0.1.
   */
  newContext(options: BrowserContextOptions = {}): Promise<BrowserContext> {
    return this.browser.newContext({
      ...options,
      extraHTTPHeaders: { ...options.extraHTTPHeaders, 'X-Forwarded-For': this.clientAddress },
    });
  }

  /** `chat`: settings of the chat service beyond the stack's (e.g. a faster SLA sweep). */
  static async start(options: { chat?: Record<string, string> } = {}): Promise<BrowserStack> {
    for (const file of ['app/index.html', 'widget/widget.js', 'demo/index.html'])
      if (!existsSync(resolve(webBuild, file)))
        throw new Error(`dist/web/${file} is missing: run \`npm run build:web\` first`);
    // nginx's address is every link's base (PUBLIC_URL), so it is chosen before the services.
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const google = await startDevOidcProvider([`${url}/api/tenant/auth/google/callback`]);
    const tenant = await startTestService(tenantService, {
      BCRYPT_COST: '4',
      PUBLIC_URL: url,
      OIDC_ISSUER_URL: google.issuer,
      OIDC_CLIENT_ID: google.clientId,
      OIDC_CLIENT_SECRET: google.clientSecret,
    });
    const shared = {
      PUBLIC_URL: url,
      JWT_JWKS_URL: `${tenant.url}/api/tenant/.well-known/jwks.json`,
    };
    const chat = await startTestService(chatService, { ...shared, ...options.chat });
    const email = await startTestService(emailService, shared);
    const group = `test-analytics-${uniqueSuffix()}`;
    const analytics = await startTestService(analyticsService, {
      ...shared,
      KAFKA_CONSUMER_GROUP: group,
      ANALYTICS_STATUS_GROUPS: `${group},${group}-rollups`,
      ANALYTICS_STATUS_SERVICES: `tenant=${tenant.url}/api/tenant/health,chat=${chat.url}/api/chat/health`,
    });
    const services = [tenant, chat, email, analytics] as TestService<object>[];
    const nginx = await startNginx(
      { tenant: tenant.url, chat: [chat.url], email: email.url, analytics: analytics.url },
      { port, trustedLoadBalancers: ['127.0.0.1'] },
    );
    return new BrowserStack(url, await launchBrowser(), services, nginx, google, someIp());
  }

  async close(): Promise<void> {
    await this.browser.close();
    await this.nginx.stop();
    await this.google.stop();
    for (const service of this.services.reverse()) await service.close();
  }
}
