import { counterName, parseCounter } from './counter-names';

describe('counter names', () => {
  it('names a counter by its kind, chatbot and parts', () => {
    expect(counterName('closed', 'bot-1', 14, 'resolved')).toBe('closed|bot-1|14|resolved');
  });

  it('gives back the ids it was made of, even ids with dots, dollars, bars and percents', () => {
    const chatbotId = 'bot.$1|50%';
    const name = counterName('messages', chatbotId, 3, 'agent:a.b|c');
    expect(name).not.toMatch(/\./);
    expect(name.split('|')).toHaveLength(4);
    expect(parseCounter(name, 7)).toEqual({
      kind: 'messages',
      chatbotId,
      rest: ['3', 'agent:a.b|c'],
      count: 7,
    });
  });

  it('makes no name that starts with a dollar (not a field name)', () => {
    expect(counterName('category', '$bot', '$where')).toBe('category|%24bot|%24where');
  });
});
