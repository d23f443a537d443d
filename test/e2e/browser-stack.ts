import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  type DevOidcProvider,
  eventually,
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
import {
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Locator,
  type Page,
} from 'playwright-core';
import { analyticsService } from '../../apps/analytics/src/analytics.service-definition';
import { type ChatConfig } from '../../apps/chat/src/chat.config';
import { chatService } from '../../apps/chat/src/chat.service-definition';
import { mailTo } from '../../apps/email/test/email-fixture';
import { emailService } from '../../apps/email/src/email.service-definition';
import { integrationsService } from '../../apps/integrations/src/integrations.service-definition';
import { tenantService } from '../../apps/tenant/src/tenant.service-definition';

const webBuild = resolve(__dirname, '../../dist/web');

/** A workspace signed up through the API, its owner signed in in a page of the dashboard. */
export interface SignedUpWorkspace {
  accessToken: string;
  /** What the widget is given: the workspace, its chatbot (allowed on the stack's origin), the key. */
  credentials: { tenantId: string; chatbotId: string; apiKey: string };
}

/**
 * Everything a person in a browser meets: the five services for real, nginx in front serving the
 * built dashboard, widget and demo page (`npm run build:web`), the local OpenID provider standing
 * in for Google, and Debian's Chromium.
 */
export class BrowserStack {
  private constructor(
    readonly url: string,
    readonly browser: Browser,
    /** The chat service, for what a test sets up in its database. */
    readonly chat: TestService<ChatConfig>,
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

  /** A page in a context of its own (a person of their own), waiting up to 20 s for what it seeks. */
  async openPage(viewport: { width: number; height: number }): Promise<Page> {
    const context = await this.newContext({ viewport });
    context.setDefaultTimeout(20_000);
    return context.newPage();
  }

  /** Settings of the chat and integrations services beyond the stack's (e.g. a faster sweep). */
  static async start(
    options: { chat?: Record<string, string>; integrations?: Record<string, string> } = {},
  ): Promise<BrowserStack> {
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
    // Webhook receivers of browser tests listen on this machine.
    const integrations = await startTestService(integrationsService, {
      ...shared,
      WEBHOOK_ALLOWED_NETWORKS: '127.0.0.0/8',
      ...options.integrations,
    });
    const services = [tenant, chat, email, analytics, integrations] as TestService<object>[];
    const nginx = await startNginx(
      {
        tenant: tenant.url,
        chat: [chat.url],
        email: email.url,
        analytics: analytics.url,
        integrations: integrations.url,
      },
      { port, trustedLoadBalancers: ['127.0.0.1'] },
    );
    return new BrowserStack(url, await launchBrowser(), chat, services, nginx, google, someIp());
  }

  /** A JSON POST through nginx, with its status and JSON answer. */
  async post(
    path: string,
    body: object,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; body: Record<string, unknown> }> {
    const answer = await fetch(`${this.url}${path}`, {
      method: 'POST',
      // From this run's address, as its browsers are: per-address limits (signups) count it alone.
      headers: {
        'content-type': 'application/json',
        'x-forwarded-for': this.clientAddress,
        ...headers,
      },
      body: JSON.stringify(body),
    });
    return { status: answer.status, body: (await answer.json()) as Record<string, unknown> };
  }

  /**
   * Signs a workspace up as its owner would: the signup, the confirmation link followed in
   * `page` (which lands in the dashboard, signed in), then a chatbot for the stack's origin that
   * the widget is ready to serve.
   */
  async signUp(
    page: Page,
    owner: { tenantName: string; name: string; email: string; password: string },
  ): Promise<SignedUpWorkspace> {
    const signup = await this.post('/api/tenant/auth/signup', owner);
    if (signup.status !== 201) throw new Error(`signup answered ${signup.status}`);
    const mail = await eventually(async () => {
      const [confirmation] = await mailTo(owner.email);
      if (!confirmation) throw new Error(`no mail to ${owner.email} yet`);
      return confirmation;
    });
    await page.goto(/href="([^"]*\/app\/verify-email#token=[^"]+)"/.exec(mail.shownHtml)![1]);
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    const login = await this.post('/api/tenant/auth/login', {
      email: owner.email,
      password: owner.password,
    });
    const accessToken = login.body.accessToken as string;
    const chatbot = (
      await this.post(
        '/api/tenant/chatbots',
        { name: 'Bike help', allowedOrigins: [this.url] },
        { authorization: `Bearer ${accessToken}` },
      )
    ).body as Record<string, string>;
    const credentials = {
      tenantId: chatbot.tenantId,
      chatbotId: chatbot.id,
      apiKey: chatbot.apiKey,
    };
    await eventually(async () => {
      const config = await this.post('/api/chat/widget/config', credentials, { origin: this.url });
      if (config.status !== 200) throw new Error(`widget config answered ${config.status}`);
    });
    return { accessToken, credentials };
  }

  async close(): Promise<void> {
    await this.browser.close();
    await this.nginx.stop();
    await this.google.stop();
    for (const service of this.services.reverse()) await service.close();
  }
}

/** Waits until the first element of `locator` holds `text`. */
export async function shows(locator: Locator, text: string): Promise<void> {
  await eventually(async () => expect(await locator.first().textContent()).toContain(text));
}
