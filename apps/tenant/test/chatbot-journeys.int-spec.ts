import {
  branchingJourney,
  ChatbotUpdatedV1,
  type ExampleRouting,
  type Journey,
  journeyFromPreChatForm,
  type JourneyNode,
  type JourneyQuestion,
  NO_ROUTING,
  type PreChatForm,
} from '@app/contracts';
import { bearer, TopicProbe } from '@app/testing';
import { randomUUID } from 'node:crypto';
import { ChatbotsRepository } from '../src/chatbots/chatbots.repository';
import { type SignedUp, TenantFixture } from './tenant-fixture';

describe('tenant service: chatbot journeys', () => {
  let tenant: TenantFixture;
  let probe: TopicProbe;
  let admin: SignedUp;
  /** The admin's own categories and teams, for the example's ends. */
  let routing: ExampleRouting;

  beforeAll(async () => {
    tenant = await TenantFixture.start();
    probe = await TopicProbe.start([ChatbotUpdatedV1.topic]);
    admin = await tenant.signup();
    const made = async (path: string, name: string) =>
      ((await api().post(path, { name }).expect(201)).body as { id: string }).id;
    routing = {
      billing: await made('/categories', 'Billing'),
      technical: await made('/categories', 'Technical'),
      financeTeam: await made('/teams', 'Finance'),
      techTeam: await made('/teams', 'Tech'),
    };
  });

  afterAll(async () => {
    await Promise.all([tenant?.close(), probe?.stop()]);
  });

  const api = () => ({
    get: (path: string) => tenant.http().get(`/api/tenant${path}`).set(bearer(admin.accessToken)),
    post: (path: string, body?: object) =>
      tenant.http().post(`/api/tenant${path}`).set(bearer(admin.accessToken)).send(body),
    patch: (path: string, body: object) =>
      tenant.http().patch(`/api/tenant${path}`).set(bearer(admin.accessToken)).send(body),
  });
  // The example's shape; its ends route nowhere (the ids it documents are of no workspace).
  const { version: _version, ...graph } = branchingJourney(1, NO_ROUTING);
  /** The example sending rooms to these categories and teams, as an admin saves it. */
  const exampleWith = (ids: ExampleRouting) =>
    (({ version: _ignored, ...journey }) => journey)(branchingJourney(1, ids));
  const newChatbot = async (body: object = {}) =>
    (
      await api()
        .post('/chatbots', { name: 'Journeys', allowedOrigins: ['https://a.example'], ...body })
        .expect(201)
    ).body as { id: string; journey: Journey };

  /** The branching journey with one node changed. */
  const changed = (change: (nodes: JourneyNode[]) => JourneyNode[]) => ({
    ...graph,
    nodes: change(structuredClone(graph.nodes)),
  });
  const question = (nodes: JourneyNode[], id: string) =>
    nodes.find((node) => node.id === id) as JourneyQuestion;

  it('saves a branching journey, numbers each save and keeps the versions before', async () => {
    const chatbot = await newChatbot({ journey: exampleWith(routing) });
    expect(chatbot.journey).toEqual(branchingJourney(1, routing));

    const shorter = changed((nodes) => {
      question(nodes, 'topic').options![2].next = 'end_billing';
      return nodes.filter((node) => node.id !== 'end_other');
    });
    const saved = await api()
      .patch(`/chatbots/${chatbot.id}`, { journey: { ...shorter, version: 1 } })
      .expect(200);
    expect(saved.body.journey).toEqual({ version: 2, ...shorter });
    expect((await api().get(`/chatbots/${chatbot.id}`).expect(200)).body.journey.version).toBe(2);
    // A room that walked version 1 can still be explained.
    expect((await api().get(`/chatbots/${chatbot.id}/journeys/1`).expect(200)).body).toEqual(
      branchingJourney(1, routing),
    );
    await api().get(`/chatbots/${chatbot.id}/journeys/3`).expect(404);

    const event = await probe.waitFor(
      (message) =>
        message.value.includes(chatbot.id) &&
        JSON.parse(message.value).payload.journey?.version === 2,
    );
    expect(JSON.parse(event.value).payload.journey).toEqual({ version: 2, ...shorter });
    // A branching journey is no flat form: consumers from before journeys get none.
    expect(JSON.parse(event.value).payload.preChatForm).toBeUndefined();
  });

  it('keeps the 20 journeys before the current one, and shows them to its own tenant only', async () => {
    const chatbot = await newChatbot({ journey: graph });
    for (let save = 2; save <= 22; save++)
      await api().patch(`/chatbots/${chatbot.id}`, { journey: graph }).expect(200);
    await api().get(`/chatbots/${chatbot.id}/journeys/1`).expect(404);
    expect((await api().get(`/chatbots/${chatbot.id}/journeys/2`).expect(200)).body.version).toBe(
      2,
    );
    expect((await api().get(`/chatbots/${chatbot.id}/journeys/22`).expect(200)).body.version).toBe(
      22,
    );
    const other = await tenant.signup();
    await tenant
      .http()
      .get(`/api/tenant/chatbots/${chatbot.id}/journeys/22`)
      .set(bearer(other.accessToken))
      .expect(404);
  });

  it.each([
    [
      'an unreachable node',
      changed((nodes) => [...nodes, { id: 'orphan', type: 'end' }]),
      'journey.nodes.orphan',
      'no way leads here',
    ],
    [
      'a cycle',
      changed((nodes) => {
        question(nodes, 'screenshot').next = 'devices';
        return nodes;
      }),
      'journey.nodes.devices',
      'is part of a cycle',
    ],
    ['a missing start', { ...graph, startNodeId: 'welcome' }, 'journey.startNodeId', 'no node'],
    [
      'an option with no next node',
      changed((nodes) => {
        delete question(nodes, 'topic').options![0].next;
        return nodes;
      }),
      'journey.nodes.topic',
      'option "Billing" has no next node',
    ],
    [
      'an answer leading to no node',
      changed((nodes) => {
        question(nodes, 'amount').next = 'ghost';
        return nodes;
      }),
      'journey.nodes.amount',
      'leads to no node "ghost"',
    ],
    [
      'a condition on a question not always asked before it',
      changed((nodes) => {
        const condition = nodes.find((node) => node.id === 'by_amount');
        if (condition?.type === 'condition') condition.rules[0].nodeId = 'screenshot';
        return nodes;
      }),
      'journey.nodes.by_amount',
      'not a question asked on every way here',
    ],
    [
      'duplicate ids',
      changed((nodes) => [...nodes, { id: 'amount', type: 'end' }]),
      'journey.nodes.amount',
      'duplicate node id',
    ],
  ])(
    'refuses %s with 400 naming the node, and keeps the journey it had',
    async (_case, journey, field, message) => {
      const chatbot = await newChatbot({ journey: graph });
      const refused = await api().patch(`/chatbots/${chatbot.id}`, { journey }).expect(400);
      expect(refused.body.errors).toContainEqual({
        field,
        message: expect.stringContaining(message),
      });
      expect((await api().get(`/chatbots/${chatbot.id}`).expect(200)).body.journey).toEqual(
        branchingJourney(1, NO_ROUTING),
      );
      await api()
        .post('/chatbots', { name: 'Refused', allowedOrigins: ['https://a.example'], journey })
        .expect(400);
    },
  );

  it("refuses an end sending rooms to a category or team the workspace does not have, naming the end's field", async () => {
    const chatbot = await newChatbot({ journey: exampleWith(routing) });
    const stranger = await tenant.signup();
    const theirs = await tenant
      .http()
      .post('/api/tenant/categories')
      .set(bearer(stranger.accessToken))
      .send({ name: 'Billing' })
      .expect(201);
    const unknownIds = { ...routing, billing: theirs.body.id, techTeam: 'team_tech' };

    const refused = await api()
      .patch(`/chatbots/${chatbot.id}`, { journey: exampleWith(unknownIds) })
      .expect(400);
    expect(refused.body.code).toBe('validation_failed');
    expect(refused.body.errors).toEqual([
      {
        field: 'journey.nodes.end_urgent.category',
        message: `"${theirs.body.id}" is no category of this workspace`,
      },
      {
        field: 'journey.nodes.end_billing.category',
        message: `"${theirs.body.id}" is no category of this workspace`,
      },
      {
        field: 'journey.nodes.end_tech.teamId',
        message: '"team_tech" is no team of this workspace',
      },
    ]);
    expect((await api().get(`/chatbots/${chatbot.id}`).expect(200)).body.journey).toEqual(
      branchingJourney(1, routing),
    );
    await api()
      .post('/chatbots', {
        name: 'Refused',
        allowedOrigins: ['https://a.example'],
        journey: exampleWith({ ...routing, financeTeam: 'team_finance' }),
      })
      .expect(400)
      .expect((answer) =>
        expect(answer.body.errors).toEqual([
          {
            field: 'journey.nodes.end_urgent.teamId',
            message: '"team_finance" is no team of this workspace',
          },
        ]),
      );

    // The workspace's own ids are taken, and so is an end that routes nowhere.
    const saved = await api()
      .patch(`/chatbots/${chatbot.id}`, { journey: exampleWith({ ...routing, techTeam: null }) })
      .expect(200);
    expect(saved.body.journey.nodes).toContainEqual({
      id: 'end_tech',
      type: 'end',
      category: routing.technical,
      priority: 'high',
    });
  });

  it('refuses a journey over 50 nodes, and a journey sent with a (deprecated) form', async () => {
    const many = Array.from({ length: 51 }, (_, index) => ({ id: `end_${index}`, type: 'end' }));
    const tooMany = await api()
      .post('/chatbots', {
        name: 'Big',
        allowedOrigins: ['https://a.example'],
        journey: { startNodeId: 'end_0', nodes: many },
      })
      .expect(400);
    expect(tooMany.body.errors[0].field).toBe('journey.nodes');
    const both = await api()
      .post('/chatbots', {
        name: 'Both',
        allowedOrigins: ['https://a.example'],
        journey: graph,
        preChatForm: { fields: [] },
      })
      .expect(400);
    expect(both.body.errors[0].field).toBe('preChatForm');
  });

  it('turns chatbots stored with a flat pre-chat form into linear journeys at start-up, once', async () => {
    const form: PreChatForm = {
      fields: [
        { id: 'order', label: 'Order number', type: 'text', required: true },
        {
          id: 'topic',
          label: 'Topic',
          type: 'single-choice',
          required: true,
          options: ['Billing', 'Shipping'],
          category: true,
        },
      ],
    };
    const id = randomUUID();
    // As the tenant service stored chatbots before journeys.
    await tenant.service.db.collection('chatbots').insertOne({
      _id: id as never,
      tenantId: admin.tenant.id,
      name: 'Old form',
      allowedOrigins: ['https://a.example'],
      appearance: { color: '#2563eb', greeting: 'Hi', waitingMessage: 'Wait' },
      preChatForm: form,
      apiKeySha256: null,
      apiKeyPrefix: null,
      createdAt: new Date(),
      updatedAt: new Date(),
    });

    const migration = tenant.service.app.get(ChatbotsRepository);
    await migration.onModuleInit();
    const migrated = (await api().get(`/chatbots/${id}`).expect(200)).body;
    expect(migrated.journey).toEqual(journeyFromPreChatForm(form));
    expect(migrated.journey.nodes.map((node: JourneyNode) => node.id)).toEqual([
      'order',
      'topic',
      'end',
    ]);
    const stored = await tenant.service.db.collection('chatbots').findOne({ _id: id as never });
    expect(stored?.preChatForm).toBeUndefined();

    await migration.onModuleInit();
    expect((await api().get(`/chatbots/${id}`).expect(200)).body.journey).toEqual(migrated.journey);
  });
});
