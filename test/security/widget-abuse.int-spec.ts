import {
  eventually,
  type RawAnswer,
  requestFrom,
  startNginx,
  startTestService,
  type TestChatbot,
  type TestNginx,
  type TestService,
  uniqueSuffix,
} from '@app/testing';
import { ChatFixture, SITE } from '../../apps/chat/test/chat-fixture';
import { type EmailConfig } from '../../apps/email/src/email.config';
import { emailService } from '../../apps/email/src/email.service-definition';
import { mailTo, mailToEach } from '../../apps/email/test/email-fixture';
import request from 'supertest';

jest.setTimeout(240_000);

/**
 * The widget's API key is on every page of the tenant's site, and a script sets any `Origin`
 * it likes: these are the loops such a script plays against the public widget endpoints.
 */
describe('the public widget under a scripted flood', () => {
  let fixture: ChatFixture;
  let email: TestService<EmailConfig>;
  // Small per-chatbot and config limits, so that reaching them takes a few dozen calls.
  const CHATBOT_SESSIONS_PER_MIN = 40;
  const CONFIG_PER_ADDRESS_PER_MIN = 10;

  let nginx: TestNginx;

  beforeAll(async () => {
    fixture = await ChatFixture.start({
      overrides: {
        WIDGET_SESSIONS_PER_CHATBOT_PER_MIN: String(CHATBOT_SESSIONS_PER_MIN),
        WIDGET_CONFIG_PER_ADDRESS_PER_MIN: String(CONFIG_PER_ADDRESS_PER_MIN),
      },
    });
    email = await startTestService(emailService, fixture.tokens.env);
    nginx = await startNginx({ tenant: fixture.tokens.url, chat: [fixture.chat.url] });
  });

  afterAll(async () => {
    await nginx?.stop();
    await email?.close();
    await fixture?.close();
  });

  // Each test has a tenant of its own, and the address limits are per tenant: fixed addresses do.
  const ATTACKER = '198.51.100.66';
  const NEIGHBOUR = '198.51.100.67';

  it('refuses a loop of 100 sessions from one address, so few welcome mails go out', async () => {
    const { chatbot } = await fixture.tenantWithChatbot();
    const victims = Array.from(
      { length: 100 },
      (_, index) => `victim-${index}-${uniqueSuffix()}@example.test`,
    );

    const answers: request.Response[] = [];
    for (const victim of victims)
      answers.push(await fixture.openSession(chatbot, { email: victim }, { ip: ATTACKER }));

    const created = answers.filter((answer) => answer.status === 201);
    const refused = answers.filter((answer) => answer.status === 429);
    expect(created.length + refused.length).toBe(100);
    expect(created.length).toBeLessThanOrEqual(20);
    expect(refused.length).toBeGreaterThanOrEqual(80);
    for (const answer of refused) {
      expect(answer.body.code).toBe('widget_rate_limited');
      expect(Number(answer.headers['retry-after'])).toBeGreaterThan(0);
    }
    // Every session that opened mails its visitor; the refused ones mail nobody. (At least one:
    // an email service of another test run reading the same topic may send a copy.)
    const welcomed = victims.filter((_, index) => answers[index].status === 201);
    await eventually(
      async () => {
        const mail = await mailToEach(victims);
        expect(welcomed.filter((victim) => mail.get(victim)!.length === 0)).toEqual([]);
        expect(victims.filter((victim) => mail.get(victim)!.length > 0)).toHaveLength(
          welcomed.length,
        );
        // The catcher holds every test's mail: reading it all is slow, so not too often.
      },
      { timeoutMs: 60_000, intervalMs: 1000 },
    );

    // A visitor from another address still starts a chat, and the attacker's address is only
    // held back on this tenant's chatbots.
    await fixture.openSession(chatbot, {}, { ip: NEIGHBOUR }).expect(201);
    const { chatbot: elsewhere } = await fixture.tenantWithChatbot();
    await fixture.openSession(elsewhere, {}, { ip: ATTACKER }).expect(201);
  });

  /** A session opened through nginx from a client at `from` (a loopback address of its own). */
  const throughNginx = (chatbot: TestChatbot, from: string, email: string) =>
    requestFrom(from, `${nginx.url}/api/chat/widget/sessions`, {
      headers: { Origin: SITE },
      json: {
        tenantId: chatbot.tenantId,
        chatbotId: chatbot.id,
        apiKey: chatbot.apiKey,
        name: 'Mallory',
        email,
      },
    });

  it('refuses the same loop played through nginx, and mails only the sessions that opened', async () => {
    const { chatbot } = await fixture.tenantWithChatbot();
    const victims = Array.from(
      { length: 100 },
      (_, index) => `victim-${index}-${uniqueSuffix()}@example.test`,
    );
    const answers: RawAnswer[] = [];
    for (const victim of victims) answers.push(await throughNginx(chatbot, '127.0.0.21', victim));

    const opened = victims.filter((_, index) => answers[index].status === 201);
    expect(opened.length).toBeLessThanOrEqual(20);
    expect(answers.filter((answer) => answer.status === 429).length).toBe(100 - opened.length);
    for (const answer of answers.filter((answer) => answer.status === 429))
      expect(Number(answer.headers['retry-after'])).toBeGreaterThan(0);
    await eventually(
      async () => {
        const mail = await mailToEach(victims);
        expect(victims.filter((victim) => mail.get(victim)!.length > 0).sort()).toEqual(
          [...opened].sort(),
        );
      },
      { timeoutMs: 60_000, intervalMs: 1000 },
    );
    // A visitor at another address still gets through.
    expect(
      (await throughNginx(chatbot, '127.0.0.22', `real-${uniqueSuffix()}@example.test`)).status,
    ).toBe(201);
  });

  it("caps one chatbot's sessions from many clients, each under every per-address limit, through nginx", async () => {
    const { chatbot } = await fixture.tenantWithChatbot();
    const answers: RawAnswer[] = [];
    for (let client = 0; client < CHATBOT_SESSIONS_PER_MIN + 10; client += 1)
      answers.push(
        await throughNginx(
          chatbot,
          `127.0.1.${client + 1}`,
          `v-${client}-${uniqueSuffix()}@example.test`,
        ),
      );
    const refused = answers.filter((answer) => answer.status === 429);
    // The probe that found the chatbot counted too.
    expect(answers.filter((answer) => answer.status === 201).length).toBeLessThan(
      CHATBOT_SESSIONS_PER_MIN,
    );
    expect(refused.length).toBeGreaterThanOrEqual(10);
    expect(refused.map((answer) => (answer.body as { code: string }).code)).toEqual(
      refused.map(() => 'widget_rate_limited'),
    );
  });

  it('caps sessions for one chatbot from many addresses, and leaves other chatbots open', async () => {
    const { admin, chatbot } = await fixture.tenantWithChatbot();
    const statuses: number[] = [];
    for (let index = 0; index < CHATBOT_SESSIONS_PER_MIN + 10; index += 1)
      statuses.push(
        (await fixture.openSession(chatbot, {}, { ip: `192.0.2.${index + 1}` })).status,
      );

    // The probe that found the chatbot counted too.
    expect(statuses.filter((status) => status === 201).length).toBeLessThanOrEqual(
      CHATBOT_SESSIONS_PER_MIN,
    );
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThanOrEqual(10);
    const other = await fixture.directory.chatbot(admin.tenant.id, {
      name: 'Sales',
      allowedOrigins: [SITE],
    });
    await eventually(() => fixture.openSession(other, {}, { ip: '192.0.2.200' }).expect(201));
  });

  it('refuses a sixth session for one visitor email within ten minutes, whatever the address', async () => {
    const { chatbot } = await fixture.tenantWithChatbot();
    const victim = `victim-${uniqueSuffix()}@example.test`;
    for (let index = 0; index < 5; index += 1)
      await fixture
        .openSession(chatbot, { email: victim }, { ip: `203.0.113.${index + 10}` })
        .expect(201);
    const sixth = await fixture
      .openSession(chatbot, { email: victim.toUpperCase() }, { ip: '203.0.113.99' })
      .expect(429);
    expect(sixth.body.code).toBe('widget_rate_limited');
    await fixture.openSession(chatbot, {}, { ip: '203.0.113.99' }).expect(201);
  });

  it('limits the widget config per address', async () => {
    const { chatbot } = await fixture.tenantWithChatbot();
    const config = (ip: string) =>
      request(fixture.chat.url)
        .post('/api/chat/widget/config')
        .set('Origin', SITE)
        .set('X-Forwarded-For', ip)
        .send({ tenantId: chatbot.tenantId, chatbotId: chatbot.id, apiKey: chatbot.apiKey });
    const statuses: number[] = [];
    for (let index = 0; index < CONFIG_PER_ADDRESS_PER_MIN + 5; index += 1)
      statuses.push((await config(ATTACKER)).status);
    expect(statuses.slice(0, CONFIG_PER_ADDRESS_PER_MIN).every((status) => status === 200)).toBe(
      true,
    );
    expect(statuses.slice(CONFIG_PER_ADDRESS_PER_MIN)).toEqual([429, 429, 429, 429, 429]);
    const refused = await config(ATTACKER).expect(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    await config(NEIGHBOUR).expect(200);
  });

  it('shows the name a visitor typed only as a short quoted value in the welcome mail', async () => {
    const { chatbot } = await fixture.tenantWithChatbot();
    const victim = `victim-${uniqueSuffix()}@example.test`;
    const name = 'Your account is locked: call +1 555 0100 at once to keep it';
    await fixture.openSession(chatbot, { email: victim, name }).expect(201);

    const [mail] = await eventually(
      async () => {
        const mails = await mailTo(victim);
        if (mails.length === 0) throw new Error('no welcome mail yet');
        return mails;
      },
      { timeoutMs: 60_000, intervalMs: 1000 },
    );
    const shown = '“Your account is locked: call +1 555 010…”';
    expect(mail.text).toContain(`Name given in the chat: ${shown}.`);
    expect(mail.shownHtml).toContain(`Name given in the chat: ${shown}.`);
    for (const part of [mail.subject, mail.text, mail.shownHtml]) {
      expect(part).not.toContain('at once to keep it');
      expect(part).not.toContain('Hi Your account');
    }
  });
});
