import {
  branchingJourney,
  ChatroomCreatedV1,
  type ChatMessage,
  type PreChatForm,
} from '@app/contracts';
import { bearer, eventually, someIp, TopicProbe } from '@app/testing';
import { REDIS } from '@app/platform';
import type Redis from 'ioredis';
import request from 'supertest';
import { redisKeys } from '../src/redis-keys';
import { files, uploadPending } from './attachments-fixture';
import { ChatFixture, SITE } from './chat-fixture';

describe("a visitor's journey: the questions before a chat decide the room", () => {
  let fixture: ChatFixture;
  let probe: TopicProbe;

  beforeAll(async () => {
    fixture = await ChatFixture.start();
    probe = await TopicProbe.start([ChatroomCreatedV1.topic]);
  });

  afterAll(async () => {
    await Promise.all([fixture?.close(), probe?.stop()]);
  });

  /** A chatbot whose branching journey (version 2) chat has received. */
  async function chatbotWithJourney() {
    const { admin, chatbot } = await fixture.tenantWithChatbot();
    await fixture.directory.updateChatbot(chatbot, { journey: branchingJourney(2) });
    await eventually(async () => {
      const config = await request(fixture.chat.url)
        .post('/api/chat/widget/config')
        .set('Origin', SITE)
        .send({ tenantId: chatbot.tenantId, chatbotId: chatbot.id, apiKey: chatbot.apiKey })
        .expect(200);
      expect(config.body.journey).toEqual(branchingJourney(2));
    });
    return { admin, chatbot };
  }

  const roomOf = async (accessToken: string, roomId: string) =>
    (
      await request(fixture.chat.url)
        .get(`/api/chat/rooms/${roomId}`)
        .set(bearer(accessToken))
        .expect(200)
    ).body;
  const historyOf = async (accessToken: string, roomId: string) =>
    (
      await request(fixture.chat.url)
        .get(`/api/chat/rooms/${roomId}/messages?after=0`)
        .set(bearer(accessToken))
        .expect(200)
    ).body.messages as ChatMessage[];

  it("gives the room the end node's category, priority, team and first message, and records the way", async () => {
    const { admin, chatbot } = await chatbotWithJourney();
    const session = await fixture
      .openSession(chatbot, { answers: { topic: 'Billing', amount: 2500 }, journeyVersion: 2 })
      .expect(201);
    const { roomId } = session.body;

    expect(await roomOf(admin.accessToken, roomId)).toMatchObject({
      category: 'billing',
      priority: 'urgent',
      teamId: 'team_finance',
      journey: { version: 2, path: ['topic', 'amount', 'by_amount', 'end_urgent'] },
      answers: { topic: 'Billing', amount: '2500' },
    });
    const system = (await historyOf(admin.accessToken, roomId)).filter(
      (message) => message.sender.type === 'system',
    );
    expect(system.map((message) => message.body)).toEqual([
      'A live agent will join the chat shortly.',
      'A large amount: a billing specialist will take this.',
    ]);
    const created = await probe.waitFor((message) => message.value.includes(roomId));
    expect(JSON.parse(created.value).payload.category).toBe('billing');
  });

  it('takes the other branch for other answers, with its own end', async () => {
    const { admin, chatbot } = await chatbotWithJourney();
    const { roomId } = (
      await fixture
        .openSession(chatbot, {
          answers: { topic: 'Technical', devices: ['Laptop'] },
          journeyVersion: 2,
        })
        .expect(201)
    ).body;
    expect(await roomOf(admin.accessToken, roomId)).toMatchObject({
      category: 'technical',
      priority: 'high',
      teamId: 'team_tech',
      journey: { version: 2, path: ['topic', 'devices', 'by_device', 'end_tech'] },
    });
    const other = (await fixture.openSession(chatbot, { answers: { topic: 'Other' } }).expect(201))
      .body;
    expect(await roomOf(admin.accessToken, other.roomId)).toMatchObject({
      category: null,
      priority: 'normal',
      teamId: null,
      journey: { version: 2, path: ['topic', 'end_other'] },
    });
  });

  it('refuses answers that skip a required question with 400 naming it, and opens no room', async () => {
    const { admin, chatbot } = await chatbotWithJourney();
    const refused = await fixture
      .openSession(chatbot, { answers: { topic: 'Billing' }, journeyVersion: 2 })
      .expect(400);
    expect(refused.body).toMatchObject({
      code: 'validation_failed',
      message: 'answers.amount: required',
    });
    const queue = await request(fixture.chat.url)
      .get('/api/chat/rooms/queue')
      .set(bearer(admin.accessToken))
      .expect(200);
    expect(queue.body.total).toBe(0);
  });

  it('refuses an answer on a branch the other answers do not take, an option not offered, and a wrong kind', async () => {
    const { chatbot } = await chatbotWithJourney();
    const wrongBranch = await fixture
      .openSession(chatbot, { answers: { topic: 'Other', amount: 10 }, journeyVersion: 2 })
      .expect(400);
    expect(wrongBranch.body.message).toBe(
      'answers.amount: not a question on the way of these answers',
    );
    const notOffered = await fixture
      .openSession(chatbot, { answers: { topic: 'Sales' } })
      .expect(400);
    expect(notOffered.body.message).toBe('answers.topic: one of Billing, Technical, Other');
    const wrongKind = await fixture
      .openSession(chatbot, { answers: { topic: 'Billing', amount: 'a lot' } })
      .expect(400);
    expect(wrongKind.body.message).toBe('answers.amount: a number');
  });

  it('answers 409 journey_changed with the new journey when the visitor answered an older one', async () => {
    const { chatbot } = await chatbotWithJourney();
    const stale = await fixture
      .openSession(chatbot, { answers: { topic: 'Other' }, journeyVersion: 1 })
      .expect(409);
    expect(stale.body).toMatchObject({
      code: 'journey_changed',
      details: { journey: branchingJourney(2) },
    });
  });

  it('takes an image answer uploaded before the session, once: the room holds the file', async () => {
    const { admin, chatbot } = await chatbotWithJourney();
    const upload = await uploadPending(fixture.chat.url, chatbot, {
      body: await files.png(),
      name: 'screen.png',
      type: 'image/png',
    }).expect(201);
    const answers = { topic: 'Technical', devices: ['Phone'], screenshot: upload.body.id };
    const { roomId } = (
      await fixture.openSession(chatbot, { answers, journeyVersion: 2 }).expect(201)
    ).body;
    const room = await roomOf(admin.accessToken, roomId);
    expect(room).toMatchObject({
      journey: { version: 2, path: ['topic', 'devices', 'by_device', 'screenshot', 'end_tech'] },
      answers: { screenshot: upload.body.id },
      answerFiles: { screenshot: { id: upload.body.id, contentType: 'image/png' } },
    });
    // The room's details say which answer is an image, and its thumbnail opens for the agent.
    expect(Object.keys(room.answerFiles)).toEqual(['screenshot']);
    const thumbnail = await request(fixture.chat.url)
      .get(room.answerFiles.screenshot.thumbnailUrl)
      .expect(200);
    expect(thumbnail.headers['content-type']).toBe('image/webp');
    const held = await request(fixture.chat.url)
      .get(`/api/chat/rooms/${roomId}/attachments/${upload.body.id}`)
      .set(bearer(admin.accessToken))
      .expect(200);
    expect(held.body).toMatchObject({ id: upload.body.id, contentType: 'image/png' });

    const reused = await fixture.openSession(chatbot, { answers, journeyVersion: 2 }).expect(400);
    expect(reused.body.message).toContain('answers.screenshot');
    const forged = await fixture
      .openSession(chatbot, { answers: { ...answers, screenshot: 'upload_1' }, journeyVersion: 2 })
      .expect(400);
    expect(forged.body.message).toContain('answers.screenshot');
    const queue = await request(fixture.chat.url)
      .get('/api/chat/rooms/queue')
      .set(bearer(admin.accessToken))
      .expect(200);
    expect(queue.body.total).toBe(1);
  });

  it('still serves a chatbot announced with a flat form: its category question gives the category, by name from the tenant’s list', async () => {
    const { admin, chatbot } = await fixture.tenantWithChatbot();
    const preChatForm: PreChatForm = {
      fields: [
        { id: 'order', label: 'Order', type: 'text', required: true },
        {
          id: 'topic',
          label: 'Topic',
          type: 'single-choice',
          required: true,
          options: ['Sales', 'Support'],
          category: true,
        },
      ],
    };
    await fixture.directory.updateChatbot(chatbot, { preChatForm });
    let roomId = '';
    await eventually(async () => {
      const session = await fixture
        .openSession(chatbot, { answers: { order: 'A-17', topic: 'Support' } }, { ip: someIp() })
        .expect(201);
      roomId = session.body.roomId;
    });
    expect(await roomOf(admin.accessToken, roomId)).toMatchObject({
      category: 'Support',
      priority: 'normal',
      journey: { version: 1, path: ['order', 'topic', 'end'] },
      answers: { order: 'A-17', topic: 'Support' },
    });
    const missing = await fixture
      .openSession(chatbot, { answers: { topic: 'Support' } })
      .expect(400);
    expect(missing.body.message).toBe('answers.order: required');

    // Once the workspace has a category of that name, the answer gives its id, and its team.
    const sales = await fixture.directory.category(admin.tenant.id, 'sales');
    const team = await fixture.directory.team(admin.tenant.id, {
      name: 'Sales desk',
      categoryIds: [sales],
    });
    const routed = await eventually(async () => {
      const session = await fixture
        .openSession(chatbot, { answers: { order: 'A-18', topic: 'Sales' } }, { ip: someIp() })
        .expect(201);
      const room = await roomOf(admin.accessToken, session.body.roomId);
      expect(room).toMatchObject({ category: sales, teamId: team.teamId });
      return room;
    });
    expect(routed.answers).toEqual({ order: 'A-18', topic: 'Sales' });
  });

  it('reads an entry chat stored before journeys (a flat form, no journey) as its linear journey', async () => {
    const { admin, chatbot } = await fixture.tenantWithChatbot();
    const preChatForm: PreChatForm = {
      fields: [{ id: 'order', label: 'Order', type: 'text', required: true }],
    };
    await fixture.chat.db
      .collection('directory_chatbots')
      .updateOne({ _id: chatbot.id as never }, { $unset: { journey: 1 }, $set: { preChatForm } });
    await fixture.chat.app.get<Redis>(REDIS).del(redisKeys.chatbot(chatbot.tenantId, chatbot.id));

    const missing = await fixture.openSession(chatbot, { answers: {} }).expect(400);
    expect(missing.body.message).toBe('answers.order: required');
    const { roomId } = (
      await fixture.openSession(chatbot, { answers: { order: 'B-2' } }).expect(201)
    ).body;
    expect(await roomOf(admin.accessToken, roomId)).toMatchObject({
      journey: { version: 1, path: ['order', 'end'] },
      answers: { order: 'B-2' },
    });
  });
});
