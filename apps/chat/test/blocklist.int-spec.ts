import { eventually, type SignedIn, type TestChatbot, uniqueSuffix } from '@app/testing';
import { type VisitorBlockView } from '@app/contracts';
import request from 'supertest';
import { ChatFixture } from './chat-fixture';

// Short enough to see an address block lapse within the test.
const ADDRESS_BLOCK_TTL_SECONDS = 4;

describe('the blocklist', () => {
  let fixture: ChatFixture;

  beforeAll(async () => {
    fixture = await ChatFixture.start({
      overrides: { ADDRESS_BLOCK_TTL_SECONDS: String(ADDRESS_BLOCK_TTL_SECONDS) },
    });
  });

  afterAll(() => fixture?.close());

  async function blockedVisitor(admin: SignedIn, chatbot: TestChatbot, ip: string) {
    const email = `blocked-${uniqueSuffix()}@Example.test`;
    const { roomId } = (await fixture.openSession(chatbot, { email }, { ip }).expect(201)).body as {
      roomId: string;
    };
    const agent = await fixture.agent(admin.accessToken);
    expect(await agent.emitWithAck('room:close', { roomId, reason: 'blocked' })).toMatchObject({
      room: { status: 'closed' },
    });
    return { email, roomId };
  }

  const blocks = async (user: SignedIn) =>
    (
      await request(fixture.chat.url)
        .get('/api/chat/blocks')
        .set('Authorization', `Bearer ${user.accessToken}`)
        .expect(200)
    ).body.blocks as VisitorBlockView[];

  const lift = (user: SignedIn, id: string) =>
    request(fixture.chat.url)
      .delete(`/api/chat/blocks/${id}`)
      .set('Authorization', `Bearer ${user.accessToken}`);

  it('lists who was blocked, by whom and until when, and lifting a block lets the visitor back', async () => {
    const { admin, chatbot } = await fixture.tenantWithChatbot();
    const { email, roomId } = await blockedVisitor(admin, chatbot, '198.51.100.30');

    const listed = await blocks(admin);
    const byEmail = listed.find((block) => block.kind === 'email')!;
    expect(byEmail).toMatchObject({
      value: email.toLowerCase(),
      roomId,
      blockedBy: { id: admin.user.id, name: admin.user.name },
      expiresAt: null,
    });
    const byAddress = listed.find((block) => block.kind === 'ip')!;
    expect(byAddress).toMatchObject({ value: '198.51.100.30', roomId });
    expect(new Date(byAddress.expiresAt!).getTime() - new Date(byAddress.createdAt).getTime()).toBe(
      ADDRESS_BLOCK_TTL_SECONDS * 1000,
    );

    await fixture.openSession(chatbot, { email }, { ip: '198.51.100.31' }).expect(403);
    await lift(admin, byEmail.id).expect(204);
    await fixture.openSession(chatbot, { email }, { ip: '198.51.100.31' }).expect(201);
    expect((await blocks(admin)).map((block) => block.kind)).not.toContain('email');
    await lift(admin, byEmail.id).expect(404);
  });

  it('lets an address block lapse, while the email block stays', async () => {
    const { admin, chatbot } = await fixture.tenantWithChatbot();
    const { email } = await blockedVisitor(admin, chatbot, '198.51.100.40');
    await fixture.openSession(chatbot, {}, { ip: '198.51.100.40' }).expect(403);

    await eventually(async () => {
      await fixture.openSession(chatbot, {}, { ip: '198.51.100.40' }).expect(201);
    });
    expect((await blocks(admin)).map((block) => block.kind)).toEqual(['email']);
    await fixture.openSession(chatbot, { email }, { ip: '198.51.100.41' }).expect(403);
  });

  it('shows and lifts only the blocks of the caller’s own tenant', async () => {
    const tenantA = await fixture.tenantWithChatbot();
    const tenantB = await fixture.tenantWithChatbot();
    await blockedVisitor(tenantA.admin, tenantA.chatbot, '198.51.100.50');

    expect(await blocks(tenantB.admin)).toEqual([]);
    for (const block of await blocks(tenantA.admin)) {
      await lift(tenantB.admin, block.id).expect(404);
    }
    expect(await blocks(tenantA.admin)).toHaveLength(2);
    // Tenant B's visitors at that address were never blocked.
    await fixture.openSession(tenantB.chatbot, {}, { ip: '198.51.100.50' }).expect(201);
  });
});
