import { purposeKey, seal } from '@app/auth';
import { REPOSITORY_SECRET_VALUES, secretVariables } from '@app/config';
import {
  bearer,
  composeServices,
  generatedOperatorSecrets,
  startNginx,
  type TestNginx,
} from '@app/testing';
import { decode, sign } from 'jsonwebtoken';
import request from 'supertest';
import { chatService } from '../src/chat.service-definition';
import { ChatFixture, connectSocket } from './chat-fixture';

/** The secrets compose gives chat, for an operator who put in .env what the README says. */
function chatSecretsAsComposeGivesThem(): Record<string, string> {
  const environment = composeServices(generatedOperatorSecrets())['chat-1'].environment ?? {};
  return Object.fromEntries(
    secretVariables(chatService.schema).flatMap(([name]) =>
      environment[name] ? [[name, environment[name]]] : [],
    ),
  );
}

interface VisitorClaims {
  roomId: string;
  tenantId: string;
  visitorId: string;
  /** Seconds ago the token claims it was issued, and seconds from now it claims to expire. */
  issuedAgo?: number;
  expiresIn?: number;
}

/** A visitor token shaped exactly as chat makes them, signed with `key`. */
function visitorToken(key: string | Buffer, claims: VisitorClaims): string {
  const now = Math.floor(Date.now() / 1000);
  return sign(
    {
      rid: claims.roomId,
      tid: claims.tenantId,
      iat: now - (claims.issuedAgo ?? 0),
      exp: now + (claims.expiresIn ?? 3600),
    },
    key,
    {
      algorithm: 'HS256',
      subject: claims.visitorId,
      audience: 'parley-visitor',
      issuer: 'parley-chat',
    },
  );
}

describe('visitor tokens, through nginx', () => {
  let fixture: ChatFixture;
  let nginx: TestNginx;
  let room: { roomId: string; tenantId: string; visitorId: string; visitorToken: string };
  let secret: string;

  const history = (token: string) =>
    request(nginx.url).get(`/api/chat/rooms/${room.roomId}/messages?after=0`).set(bearer(token));

  const visitorSocket = (token: string) =>
    connectSocket(nginx.url, 'visitor', { token }, { query: { affinity: 'visitor-tokens' } });

  const socketRefusal = async (token: string) => {
    try {
      (await visitorSocket(token)).disconnect();
    } catch (error) {
      const { message, data } = error as Error & { data?: { code?: string } };
      return { message, code: data?.code };
    }
    throw new Error('the socket was accepted');
  };

  beforeAll(async () => {
    fixture = await ChatFixture.start({
      overrides: { ...chatSecretsAsComposeGivesThem(), VISITOR_TOKEN_TTL_HOURS: '2' },
    });
    nginx = await startNginx({ tenant: fixture.tokens.url, chat: [fixture.chat.url] });
    secret = fixture.chat.config.VISITOR_TOKEN_SECRET;
    const { chatbot } = await fixture.tenantWithChatbot();
    const session = await fixture.openSession(chatbot).expect(201);
    // The visitor's id, as chat put it in the token it issued.
    const visitorId = (decode(session.body.visitorToken) as { sub: string }).sub;
    room = {
      roomId: session.body.roomId,
      tenantId: chatbot.tenantId,
      visitorId,
      visitorToken: session.body.visitorToken,
    };
  });

  afterAll(async () => {
    await nginx?.stop();
    await fixture?.close();
  });

  it('open the room for the token chat issued, on REST and on the socket', async () => {
    await history(room.visitorToken).expect(200);
    (await visitorSocket(room.visitorToken)).disconnect();
  });

  it('refuse a token forged with any secret the repository published, to a chat deployed by compose', async () => {
    for (const published of REPOSITORY_SECRET_VALUES) {
      for (const key of [published, purposeKey(published, 'visitor-token')]) {
        const forged = visitorToken(key, room);
        const answer = await history(forged);
        expect({ published, status: answer.status }).toEqual({ published, status: 401 });
      }
    }
    const forged = visitorToken(purposeKey(REPOSITORY_SECRET_VALUES[1], 'visitor-token'), room);
    expect(await socketRefusal(forged)).toEqual({ message: 'unauthorized', code: undefined });
  });

  it('refuse a token issued longer ago than VISITOR_TOKEN_TTL_HOURS, whatever expiry it claims', async () => {
    const key = purposeKey(secret, 'visitor-token');
    const stale = visitorToken(key, { ...room, issuedAgo: 3 * 3600, expiresIn: 30 * 86_400 });
    const expired = visitorToken(key, { ...room, issuedAgo: 2 * 3600, expiresIn: -60 });

    for (const token of [stale, expired]) {
      const answer = await history(token).expect(401);
      expect(answer.body).toMatchObject({ statusCode: 401, code: 'visitor_token_expired' });
      expect(await socketRefusal(token)).toEqual({
        message: 'unauthorized',
        code: 'visitor_token_expired',
      });
    }
    // The same claims issued just now open the room: only the age was refused.
    await history(visitorToken(key, room)).expect(200);
  });

  it('refuse what another purpose signed or sealed with the same secret', async () => {
    const unsubscribeKey = purposeKey(secret, 'unsubscribe');
    await history(visitorToken(unsubscribeKey, room)).expect(401);
    await history(visitorToken(secret, room)).expect(401);
    const unsubscribeToken = seal(
      JSON.stringify([room.tenantId, 'agent-reply', 'vera@example.test']),
      secret,
      'unsubscribe',
    );
    await history(unsubscribeToken).expect(401);
    expect(await socketRefusal(visitorToken(unsubscribeKey, room))).toEqual({
      message: 'unauthorized',
      code: undefined,
    });
  });
});
