import {
  type RawAnswer,
  requestFrom,
  type SignedIn,
  startNginx,
  type TestChatbot,
  type TestNginx,
  uniqueSuffix,
} from '@app/testing';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { io } from 'socket.io-client';
import request from 'supertest';
import { ChatFixture, SITE } from './chat-fixture';

/**
 * The attacks on the client's address, played through the real nginx in front of a real chat
 * service that trusts only nginx (TRUSTED_PROXIES=127.0.0.1). Each client has its own loopback
 * address (127.0.0.x) as its socket's source, as clients on the internet have their own.
 */
describe('the client address at the edge', () => {
  let fixture: ChatFixture;
  let nginx: TestNginx;
  let admin: SignedIn;
  let chatbot: TestChatbot;

  beforeAll(async () => {
    fixture = await ChatFixture.start({ overrides: { TRUSTED_PROXIES: '127.0.0.1' } });
    nginx = await startNginx({ tenant: fixture.tokens.url, chat: [fixture.chat.url] });
    ({ admin, chatbot } = await fixture.tenantWithChatbot());
  });

  afterAll(async () => {
    await nginx?.stop();
    await fixture?.close();
  });

  function openSession(from: string, baseUrl: string, headers: Record<string, string> = {}) {
    return requestFrom(from, `${baseUrl}/api/chat/widget/sessions`, {
      headers: { Origin: SITE, ...headers },
      json: {
        tenantId: chatbot.tenantId,
        chatbotId: chatbot.id,
        apiKey: chatbot.apiKey,
        name: 'Mallory',
        email: `mallory-${uniqueSuffix()}@example.test`,
      },
    });
  }

  async function addressAgentsSee(answer: RawAnswer): Promise<string> {
    expect(answer.status).toBe(201);
    const { roomId } = answer.body as { roomId: string };
    const room = await request(fixture.chat.url)
      .get(`/api/chat/rooms/${roomId}`)
      .set('Authorization', `Bearer ${admin.accessToken}`)
      .expect(200);
    return (room.body as { visitor: { ip: string } }).visitor.ip;
  }

  async function block(roomId: string): Promise<void> {
    const agent = await fixture.agent(admin.accessToken);
    expect(await agent.emitWithAck('room:close', { roomId, reason: 'blocked' })).toMatchObject({
      room: { status: 'closed' },
    });
  }

  it('shows agents the address the client connected from, not the one its header claims', async () => {
    const answer = await openSession('127.0.0.5', nginx.url, {
      'X-Forwarded-For': '198.51.100.7',
      'X-Real-IP': '198.51.100.7',
    });
    expect(await addressAgentsSee(answer)).toBe('127.0.0.5');
  });

  it('keeps a blocked client blocked whatever it claims, and never blocks another client for a claim', async () => {
    const earlier = await openSession('127.0.0.6', nginx.url);
    const { visitorToken: earlierToken } = earlier.body as { visitorToken: string };
    const blocked = await openSession('127.0.0.6', nginx.url);
    await block((blocked.body as { roomId: string }).roomId);

    const again = await openSession('127.0.0.6', nginx.url, { 'X-Forwarded-For': '198.51.100.8' });
    expect(again.status).toBe(403);
    expect(again.body).toMatchObject({ code: 'visitor_blocked' });

    // The socket handshake knows the client by the same rule: an older room's token does not
    // carry the blocked client back in.
    const socket = io(`${nginx.url}/visitor`, {
      path: '/socket.io',
      auth: { token: earlierToken },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      extraHeaders: { 'X-Forwarded-For': '198.51.100.8' },
      localAddress: '127.0.0.6',
    } as Parameters<typeof io>[1]);
    const refused = await new Promise<string>((resolve) => {
      socket.once('connect', () => resolve('connected'));
      socket.once('connect_error', (error) => resolve(error.message));
    });
    socket.disconnect();
    expect(refused).toBe('unauthorized');

    const bystander = await openSession('127.0.0.16', nginx.url, {
      'X-Forwarded-For': '127.0.0.6',
    });
    expect(await addressAgentsSee(bystander)).toBe('127.0.0.16');
  });

  it('ignores X-Forwarded-For from a client that reaches chat directly, past nginx', async () => {
    const answer = await openSession('127.0.0.7', fixture.chat.url, {
      'X-Forwarded-For': '198.51.100.9',
    });
    expect(await addressAgentsSee(answer)).toBe('127.0.0.7');
  });

  it('believes a trusted load balancer in front of nginx, and only that one', async () => {
    const behindBalancer = await startNginx(
      { tenant: fixture.tokens.url, chat: [fixture.chat.url] },
      { trustedLoadBalancers: ['127.0.0.10'] },
    );
    try {
      // The balancer appends the address it saw to whatever the client wrote.
      const viaBalancer = await openSession('127.0.0.10', behindBalancer.url, {
        'X-Forwarded-For': '203.0.113.66, 198.51.100.20',
      });
      expect(await addressAgentsSee(viaBalancer)).toBe('198.51.100.20');
      const aroundBalancer = await openSession('127.0.0.11', behindBalancer.url, {
        'X-Forwarded-For': '198.51.100.21',
      });
      expect(await addressAgentsSee(aroundBalancer)).toBe('127.0.0.11');
    } finally {
      await behindBalancer.stop();
    }
  });

  it('answers a flood of widget calls from one address with 429 and Retry-After, and lets another address through', async () => {
    const widgetConfig = (from: string) =>
      requestFrom(from, `${nginx.url}/api/chat/widget/config`, {
        headers: { Origin: SITE },
        json: { tenantId: chatbot.tenantId, chatbotId: chatbot.id, apiKey: chatbot.apiKey },
      });
    const flood = await Promise.all(Array.from({ length: 120 }, () => widgetConfig('127.0.0.8')));
    const refused = flood.filter((answer) => answer.status === 429);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused[0].headers['retry-after']).toMatch(/^\d+$/);
    expect(refused[0].body).toMatchObject({ statusCode: 429, code: 'rate_limited' });
    expect((await widgetConfig('127.0.0.9')).status).toBe(200);
  });
});

describe('the edge’s headers and logs', () => {
  let fixture: ChatFixture;
  let nginx: TestNginx;

  beforeAll(async () => {
    fixture = await ChatFixture.start();
    nginx = await startNginx(
      { tenant: fixture.tokens.url, chat: [fixture.chat.url] },
      { tls: true },
    );
  });

  afterAll(async () => {
    await nginx?.stop();
    await fixture?.close();
  });

  const https = (path: string) => requestFrom('127.0.0.1', `${nginx.httpsUrl!}${path}`);

  it('offers TLS 1.3 and 1.2, and nothing older', () => {
    const { port } = new URL(nginx.httpsUrl!);
    const handshake = (version: string) =>
      spawnSync('openssl', ['s_client', '-connect', `127.0.0.1:${port}`, version], {
        input: '',
        encoding: 'utf8',
      });
    expect(handshake('-tls1_3').stdout).toMatch(/Protocol\s*:\s*TLSv1\.3|New, TLSv1\.3/);
    expect(handshake('-tls1_2').stdout).toMatch(/Protocol\s*:\s*TLSv1\.2|New, TLSv1\.2/);
    expect(handshake('-tls1_1').status).not.toBe(0);
  });

  it('moves plain HTTP to HTTPS, which browsers are told to keep to', async () => {
    const plain = await requestFrom('127.0.0.1', `${nginx.url}/app/inbox?tab=queue`);
    expect(plain.status).toBe(301);
    expect(plain.headers.location).toBe(`${nginx.httpsUrl!}/app/inbox?tab=queue`);
    expect((await https('/app/')).headers['strict-transport-security']).toMatch(/max-age=\d{7,}/);
    // The host's health check stays on plain HTTP.
    expect((await requestFrom('127.0.0.1', `${nginx.url}/api/chat/health`)).status).toBe(200);
    expect(
      (await requestFrom('127.0.0.1', `${nginx.url}/`)).headers['strict-transport-security'],
    ).toBeUndefined();
  });

  it('gives the dashboard, demo and conversation pages a policy that runs only their own scripts', async () => {
    for (const path of ['/app/', '/app/inbox', '/demo/', `/conversation/${uniqueSuffix()}`]) {
      const page = await https(path);
      expect(page.status).toBe(200);
      const policy = page.headers['content-security-policy'];
      expect(policy).toContain("script-src 'self'");
      expect(policy).toContain("frame-ancestors 'none'");
      expect(policy).not.toMatch(/script-src[^;]*unsafe/);
    }
    expect((await https('/conversation/x')).headers['referrer-policy']).toBe('no-referrer');
  });

  it('says nosniff and a referrer policy, and neither nginx’s version nor the framework', async () => {
    for (const path of ['/app/', '/widget.js', '/api/chat/health', '/api/chat/no-such-route']) {
      const answer = await https(path);
      expect(answer.headers['x-content-type-options']).toBe('nosniff');
      expect(answer.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
      expect(answer.headers.server).toBe('nginx');
      expect(answer.headers['x-powered-by']).toBeUndefined();
    }
    const direct = await request(fixture.chat.url).get('/api/chat/health');
    expect(direct.headers['x-powered-by']).toBeUndefined();
  });

  it('logs the path of a request without its query string, so tokens in links never reach the log', async () => {
    const token = `reset-${uniqueSuffix()}`;
    await https(`/app/reset-password?token=${token}`);
    await https(`/api/tenant/health?token=${token}`);
    const log = readFileSync(nginx.accessLog, 'utf8');
    expect(log).toContain('"GET /app/reset-password HTTP/1.1" 200');
    expect(log).not.toContain(token);
  });
});
