import type { EmbedOptions } from './embed-options';
import { fetchWidgetConfig } from './widget-api';

const embed: EmbedOptions = {
  baseUrl: 'https://chat.example',
  tenantId: 't1',
  chatbotId: 'c1',
  apiKey: 'pk_test_key_value',
};

const config = { chatbotId: 'c1', name: 'Help', appearance: {}, preChatForm: { fields: [] } };

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
