import { emptyJourney } from '@app/contracts/journey/journey-graph';
import { type EmbedOptions, embedOptionsOf } from './embed-options';
import { fetchWidgetConfig, openSession } from './widget-api';

const embed: EmbedOptions = {
  baseUrl: 'https://chat.example',
  tenantId: 't1',
  chatbotId: 'c1',
  apiKey: 'pk_test_key_value',
};

const config = { chatbotId: 'c1', name: 'Help', appearance: {}, journey: emptyJourney() };

function answering(...statuses: number[]) {
  const calls: string[] = [];
  global.fetch = jest.fn(async (url: string | URL | Request) => {
    calls.push(String(url));
    const status = statuses.shift() ?? 200;
    const body = status === 200 ? config : { code: status === 401 ? 'invalid_api_key' : 'x' };
    return new Response(JSON.stringify(body), { status });
  }) as typeof fetch;
  return calls;
}

describe('the chatbot configuration the widget asks for', () => {
  const realFetch = global.fetch;
  afterEach(() => {
    global.fetch = realFetch;
  });

  it('is asked again while chat has not yet heard of a chatbot created a moment ago', async () => {
    const calls = answering(401, 401);
    const answer = await fetchWidgetConfig(embed);
    expect(answer).toEqual({ ok: true, data: config });
    expect(calls).toEqual(Array(3).fill('https://chat.example/api/chat/widget/config'));
  });

  it('is not asked again after a refusal that time does not change', async () => {
    const calls = answering(400);
    const answer = await fetchWidgetConfig(embed);
    expect(answer.ok).toBe(false);
    expect(calls).toHaveLength(1);
  });
});

describe('a session opened for a signed-in user of the host page', () => {
  const realFetch = global.fetch;
  afterEach(() => {
    global.fetch = realFetch;
  });

  function sentBodies() {
    const bodies: Record<string, unknown>[] = [];
    global.fetch = jest.fn(async (_url: string | URL | Request, init?: RequestInit) => {
      bodies.push(JSON.parse(String(init?.body)));
      return new Response(JSON.stringify({ roomId: 'r1', visitorToken: 't' }), { status: 201 });
    }) as typeof fetch;
    return bodies;
  }

  const signed: EmbedOptions = {
    ...embed,
    identity: { email: 'Jane@Example.com', hash: 'ab'.repeat(32), name: 'Jane' },
  };

  it("carries the host page's identity hash with the email it signed", async () => {
    const bodies = sentBodies();
    await openSession(signed, {
      name: 'Jane',
      email: 'jane@example.com',
      answers: {},
      journeyVersion: 1,
    });
    expect(bodies[0]).toMatchObject({ email: 'jane@example.com', identityHash: 'ab'.repeat(32) });
  });

  it('sends no hash with another email, nor without an identity', async () => {
    const bodies = sentBodies();
    await openSession(signed, {
      name: 'Jane',
      email: 'other@example.com',
      answers: {},
      journeyVersion: 1,
    });
    await openSession(embed, {
      name: 'Jane',
      email: 'jane@example.com',
      answers: {},
      journeyVersion: 1,
    });
    expect(bodies.map((body) => 'identityHash' in body)).toEqual([false, false]);
  });

  it('reads the identity from the snippet only when both email and hash are there', () => {
    const script = (dataset: Record<string, string>) =>
      ({ dataset, src: 'https://chat.example/widget.js' }) as unknown as HTMLScriptElement;
    const base = { tenantId: 't1', chatbotId: 'c1', apiKey: 'pk_test_key_value' };
    expect(
      embedOptionsOf(script({ ...base, visitorEmail: 'jane@example.com', visitorHash: 'ab' }))
        ?.identity,
    ).toEqual({ email: 'jane@example.com', hash: 'ab', name: undefined });
    expect(
      embedOptionsOf(script({ ...base, visitorEmail: 'jane@example.com' }))?.identity,
    ).toBeUndefined();
  });
});
