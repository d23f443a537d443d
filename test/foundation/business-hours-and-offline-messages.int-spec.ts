import { bearer, eventually, someIp, startTestService, type TestService } from '@app/testing';
import request from 'supertest';
import { type ChatSocket, connectSocket, SITE } from '../../apps/chat/test/chat-fixture';
import { chatService } from '../../apps/chat/src/chat.service-definition';
import { localTime } from '../../apps/chat/src/availability/weekly-schedule';
import { emailService } from '../../apps/email/src/email.service-definition';
import { expectMail } from '../../apps/email/test/email-fixture';
import { TenantFixture } from '../../apps/tenant/test/tenant-fixture';

/**
 * Business hours and offline messages end to end: settings saved in the tenant service, read
 * by chat from its events, the widget told online or offline, an offline message confirmed by
 * mail through the email service to the SMTP catcher, and an agent's answer mailed too.
 */
describe('business hours, offline mode and offline messages', () => {
  let tenant: TenantFixture;
  let chat: TestService<unknown>;
  let email: TestService<unknown>;
  const sockets: ChatSocket[] = [];

  beforeAll(async () => {
    tenant = await TenantFixture.start();
    const jwks = { JWT_JWKS_URL: `${tenant.url}/api/tenant/.well-known/jwks.json` };
    chat = await startTestService(chatService, jwks);
    email = await startTestService(emailService, jwks);
  });

  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await Promise.all([chat?.close(), email?.close(), tenant?.close()]);
  });

  const now = new Date();
  const today = localTime(now, 'UTC');
  /** Hours of today that exclude the current hour. */
  const closedNow =
    now.getUTCHours() >= 1
      ? [
          {
            day: today.day,
            start: '00:00',
            end: `${String(now.getUTCHours()).padStart(2, '0')}:00`,
          },
        ]
      : [{ day: today.day, start: '23:00', end: '24:00' }];

  async function workspace() {
    const admin = await tenant.signup();
    const chatbot = (
      await tenant
        .http()
        .post('/api/tenant/chatbots')
        .set(bearer(admin.accessToken))
        .send({ name: 'Help', allowedOrigins: [SITE] })
        .expect(201)
    ).body;
    const credentials = {
      tenantId: admin.tenant.id,
      chatbotId: chatbot.id,
      apiKey: chatbot.apiKey,
    };
    const config = () =>
      request(chat.url).post('/api/chat/widget/config').set('Origin', SITE).send(credentials);
    await eventually(() => config().expect(200));
    const settings = (body: object) =>
      tenant.http().patch('/api/tenant/settings').set(bearer(admin.accessToken)).send(body);
    return { admin, chatbot, credentials, config, settings };
  }

  it('refuses a time zone that does not exist and an overnight range, naming the field', async () => {
    const { admin, settings } = await workspace();
    const zone = await settings({ timeZone: 'Mars/Olympus_Mons' }).expect(400);
    expect(zone.body.errors).toEqual([expect.objectContaining({ field: 'timeZone' })]);
    const overnight = await settings({
      businessHours: { weekly: [{ day: 'mon', start: '22:00', end: '06:00' }], holidays: [] },
    }).expect(400);
    expect(JSON.stringify(overnight.body.errors)).toContain('businessHours.weekly.0.end');
    const shifts = await tenant
      .http()
      .patch(`/api/tenant/agents/${admin.user.id}`)
      .set(bearer(admin.accessToken))
      .send({ shifts: [{ day: 'sun', start: '9:00', end: '17:00' }] })
      .expect(400);
    expect(JSON.stringify(shifts.body.errors)).toContain('shifts.0.start');
    const saved = await settings({ timeZone: 'Europe/Paris', agentAutoAwayMinutes: 30 }).expect(
      200,
    );
    expect(saved.body).toMatchObject({ timeZone: 'Europe/Paris', agentAutoAwayMinutes: 30 });
    const agent = await tenant
      .http()
      .patch(`/api/tenant/agents/${admin.user.id}`)
      .set(bearer(admin.accessToken))
      .send({ shifts: [{ day: 'mon', start: '09:00', end: '17:00' }] })
      .expect(200);
    expect(agent.body.shifts).toEqual([{ day: 'mon', start: '09:00', end: '17:00' }]);
  });

  it('is offline outside business hours and on a holiday, online within them', async () => {
    const { credentials, config, settings } = await workspace();
    expect((await config().expect(200)).body).toMatchObject({ availability: 'online' });

    await settings({ businessHours: { weekly: closedNow, holidays: [] } }).expect(200);
    await eventually(async () =>
      expect((await config().expect(200)).body).toMatchObject({
        availability: 'offline',
        offlineReason: 'outside-hours',
      }),
    );
    const refused = await request(chat.url)
      .post('/api/chat/widget/sessions')
      .set('Origin', SITE)
      .set('X-Forwarded-For', someIp())
      .send({ ...credentials, name: 'Vera', email: 'vera@example.test' })
      .expect(409);
    expect(refused.body.code).toBe('chatbot_offline');

    await settings({ businessHours: { weekly: [], holidays: [today.date] } }).expect(200);
    await eventually(async () => {
      const body = (await config().expect(200)).body;
      expect(body).toMatchObject({ availability: 'offline', offlineReason: 'outside-hours' });
    });
    await settings({
      businessHours: { weekly: [{ day: today.day, start: '00:00', end: '24:00' }], holidays: [] },
    }).expect(200);
    await eventually(async () =>
      expect((await config().expect(200)).body).toMatchObject({ availability: 'online' }),
    );
  });

  it('is offline with no agent available when the chatbot says so, online once one is', async () => {
    const { admin, chatbot, config } = await workspace();
    await tenant
      .http()
      .patch(`/api/tenant/chatbots/${chatbot.id}`)
      .set(bearer(admin.accessToken))
      .send({ offlineWhen: 'no-agent-available' })
      .expect(200);
    await eventually(async () =>
      expect((await config().expect(200)).body).toMatchObject({
        availability: 'offline',
        offlineReason: 'no-agent-available',
      }),
    );
    const socket = await connectSocket(chat.url, 'agent', { token: admin.accessToken });
    sockets.push(socket);
    await eventually(async () =>
      expect((await config().expect(200)).body).toMatchObject({ availability: 'online' }),
    );
    await socket.emitWithAck('agent:status', { status: 'away' });
    await eventually(async () =>
      expect((await config().expect(200)).body).toMatchObject({ availability: 'offline' }),
    );
  });

  it('turns an offline message into an offline room, confirms it by mail, and mails the agent’s answer', async () => {
    const { admin, credentials } = await workspace();
    const visitor = `offline-${Date.now()}@example.test`;
    const bad = await request(chat.url)
      .post('/api/chat/widget/offline-messages')
      .set('Origin', SITE)
      .send({ ...credentials, name: 'Olive', email: visitor, message: '   ' })
      .expect(400);
    expect(JSON.stringify(bad.body.errors)).toContain('message');

    const left = await request(chat.url)
      .post('/api/chat/widget/offline-messages')
      .set('Origin', SITE)
      .set('X-Forwarded-For', someIp())
      .send({ ...credentials, name: 'Olive', email: visitor, message: 'Do you ship to Iceland?' })
      .expect(201);
    const roomId = left.body.roomId as string;

    const offline = await request(chat.url)
      .get('/api/chat/rooms/offline')
      .set(bearer(admin.accessToken))
      .expect(200);
    expect(offline.body.rooms).toEqual([
      expect.objectContaining({
        roomId,
        status: 'offline',
        visitor: expect.objectContaining({ email: visitor }),
      }),
    ]);
    const queue = await request(chat.url)
      .get('/api/chat/rooms/queue')
      .set(bearer(admin.accessToken))
      .expect(200);
    expect(queue.body.rooms.map((room: { roomId: string }) => room.roomId)).not.toContain(roomId);
    const [confirmation] = await expectMail(visitor, 1);
    expect(confirmation.subject).toContain('We received your message');
    expect(confirmation.text).toContain('Do you ship to Iceland?');

    const agent = await connectSocket(chat.url, 'agent', { token: admin.accessToken });
    sockets.push(agent);
    const joined = await agent.emitWithAck('room:join', { roomId });
    expect(joined).toMatchObject({ room: { roomId, agent: { id: admin.user.id } } });
    await agent.emitWithAck('message:send', {
      roomId,
      clientMessageId: 'answer-1',
      body: 'Yes, within a week.',
    });
    const mails = await expectMail(visitor, 2);
    expect(mails.map((mail) => mail.text).join('\n')).toContain('Yes, within a week.');
    expect(await agent.emitWithAck('room:close', { roomId, reason: 'resolved' })).toMatchObject({
      room: { status: 'closed' },
    });
  });

  it('keeps a team’s own hours: a journey leading to a closed team offers an offline message that keeps the team', async () => {
    const { admin, chatbot, credentials, config } = await workspace();
    const api = (method: 'post' | 'patch', path: string, body: object) =>
      tenant.http()[method](`/api/tenant${path}`).set(bearer(admin.accessToken)).send(body);
    const billing = (await api('post', '/categories', { name: 'Billing' }).expect(201)).body;
    const badZone = await api('post', '/teams', {
      name: 'Nights',
      businessHours: { weekly: [], holidays: [], timeZone: 'Mars/Olympus_Mons' },
    }).expect(400);
    expect(JSON.stringify(badZone.body.errors)).toContain('businessHours.timeZone');
    // Closed today in its own zone (a holiday there), whatever the workspace's hours.
    const nights = (
      await api('post', '/teams', {
        name: 'Nights',
        categoryIds: [billing.id],
        businessHours: {
          weekly: [],
          holidays: [localTime(now, 'Pacific/Kiritimati').date],
          timeZone: 'Pacific/Kiritimati',
        },
      }).expect(201)
    ).body;
    expect(nights.businessHours).toEqual({
      weekly: [],
      holidays: [localTime(now, 'Pacific/Kiritimati').date],
      timeZone: 'Pacific/Kiritimati',
    });
    const journey = {
      startNodeId: 'topic',
      nodes: [
        {
          id: 'topic',
          type: 'single-choice',
          label: 'What is it about?',
          required: true,
          options: [
            { value: 'Invoices', next: 'end_billing' },
            { value: 'Other', next: 'end_other' },
          ],
        },
        { id: 'end_billing', type: 'end', category: billing.id, priority: 'high' },
        { id: 'end_other', type: 'end' },
      ],
    };
    const saved = await api('patch', `/chatbots/${chatbot.id}`, { journey }).expect(200);
    const journeyVersion = saved.body.journey.version as number;
    await eventually(async () =>
      expect((await config().expect(200)).body.journey.version).toBe(journeyVersion),
    );
    // The workspace is open around the clock: the widget starts online.
    expect((await config().expect(200)).body).toMatchObject({ availability: 'online' });
    const session = (answer: string) =>
      request(chat.url)
        .post('/api/chat/widget/sessions')
        .set('Origin', SITE)
        .set('X-Forwarded-For', someIp())
        .send({
          ...credentials,
          name: 'Nora',
          email: `nora-${Date.now()}@example.test`,
          answers: { topic: answer },
          journeyVersion,
        });
    await session('Other').expect(201);
    await eventually(async () => {
      const refused = await session('Invoices').expect(409);
      expect(refused.body).toMatchObject({
        code: 'chatbot_offline',
        details: { offlineReason: 'outside-hours', teamId: nights.id },
      });
    });

    const leave = (answers: object) =>
      request(chat.url)
        .post('/api/chat/widget/offline-messages')
        .set('Origin', SITE)
        .set('X-Forwarded-For', someIp())
        .send({
          ...credentials,
          name: 'Nora',
          email: `nora-offline-${Date.now()}@example.test`,
          message: 'My invoice is wrong.',
          answers,
          journeyVersion,
        });
    const skipped = await leave({}).expect(400);
    expect(JSON.stringify(skipped.body)).toContain('answers.topic');
    const left = await leave({ topic: 'Invoices' }).expect(201);
    const room = await request(chat.url)
      .get(`/api/chat/rooms/${left.body.roomId}`)
      .set(bearer(admin.accessToken))
      .expect(200);
    expect(room.body).toMatchObject({
      status: 'offline',
      category: billing.id,
      priority: 'high',
      teamId: nights.id,
      journey: { version: journeyVersion, path: ['topic', 'end_billing'] },
    });

    // Back to the workspace's hours (open around the clock): the team takes live chats again.
    await api('patch', `/teams/${nights.id}`, { businessHours: null }).expect(200);
    await eventually(() => session('Invoices').expect(201));
  });
});
