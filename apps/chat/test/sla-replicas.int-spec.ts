import { type RoomSummary, type SlaBreachAlert, SlaBreachedV1 } from '@app/contracts';
import { bearer, eventually, TopicProbe } from '@app/testing';
import request from 'supertest';
import { SITE } from './chat-fixture';
import { SpawnedChat } from './spawned-chat';

const ROOMS = 6;

describe('SLA breaches with two chat processes sweeping, one of them restarted', () => {
  let chat: SpawnedChat;
  let probe: TopicProbe;

  beforeAll(async () => {
    // Both processes sweep ten times a second: every breach is raced for.
    chat = await SpawnedChat.start({ SLA_SWEEP_INTERVAL_MS: '100' });
    probe = await TopicProbe.start([SlaBreachedV1.topic]);
  });

  afterAll(async () => {
    await probe?.stop();
    await chat?.close();
  });

  it('records, publishes and alerts each breach once, and not again after a restart', async () => {
    const [first, second] = chat.replicas;
    const admin = await chat.directory.signup();
    const chatbot = await chat.directory.chatbot(admin.tenant.id, {
      name: 'H',
      allowedOrigins: [SITE],
    });
    await chat.directory.slaPolicy(admin.tenant.id, {
      priority: 'normal',
      firstResponseSeconds: 1,
      resolutionSeconds: 3600,
    });
    // The admin (a supervisor) has a socket on each process.
    const alerts: SlaBreachAlert[][] = [[], []];
    for (const [index, replica] of [first, second].entries()) {
      const socket = await chat.connect(replica.url, 'agent', { token: admin.accessToken });
      socket.on('sla:breached', (alert) => alerts[index].push(alert));
    }
    const open = (url: string, index: number) =>
      eventually(async () => {
        const session = await request(url)
          .post('/api/chat/widget/sessions')
          .set('Origin', SITE)
          .send({
            tenantId: admin.tenant.id,
            chatbotId: chatbot.id,
            apiKey: chatbot.apiKey,
            name: `Visitor ${index}`,
            email: `visitor-${index}-${admin.tenant.id}@example.test`,
          });
        if (session.status !== 201) throw new Error(`not yet: ${session.status}`);
        const room = (
          await request(url)
            .get(`/api/chat/rooms/${session.body.roomId}`)
            .set(bearer(admin.accessToken))
            .expect(200)
        ).body as RoomSummary;
        // Until chat applied the policy, rooms come without deadlines; those never breach.
        if (!room.sla) throw new Error('the policy is not applied yet');
        return room.roomId;
      });
    const roomIds: string[] = [];
    for (let index = 0; index < ROOMS; index += 1)
      roomIds.push(await open(index % 2 === 0 ? first.url : second.url, index));

    const eventsOf = (roomId: string) =>
      probe.messages.filter(
        (message) =>
          message.topic === SlaBreachedV1.topic &&
          JSON.parse(message.value).payload.roomId === roomId,
      );
    await eventually(() => {
      for (const roomId of roomIds) expect(eventsOf(roomId)).toHaveLength(1);
    });
    await eventually(() => {
      for (const received of alerts)
        expect(received.map((alert) => alert.roomId).sort()).toEqual([...roomIds].sort());
    });

    // A crash and a restart: the new process sweeps the same rooms and finds nothing to do.
    const restarted = await chat.restart(0);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    for (const roomId of roomIds) {
      expect(eventsOf(roomId)).toHaveLength(1);
      const room = (
        await request(restarted.url)
          .get(`/api/chat/rooms/${roomId}`)
          .set(bearer(admin.accessToken))
          .expect(200)
      ).body as RoomSummary;
      expect(room.sla!.firstResponse.breachedAt).not.toBeNull();
    }
    // The surviving process's socket heard each breach once, before and after the restart.
    expect(alerts[1]).toHaveLength(ROOMS);
  });
});
