import { isBridged } from './intercom-scope';

describe('which conversations go to Intercom', () => {
  const room = { chatbotId: 'bot-a', category: 'billing' };

  it('every chatbot’s, when the scope says all', () => {
    expect(isBridged({ allChatbots: true, chatbotIds: [], categoryIds: [] }, room)).toBe(true);
  });

  it('those of a named chatbot or of a named category, and no other', () => {
    expect(isBridged({ allChatbots: false, chatbotIds: ['bot-a'], categoryIds: [] }, room)).toBe(
      true,
    );
    expect(isBridged({ allChatbots: false, chatbotIds: [], categoryIds: ['billing'] }, room)).toBe(
      true,
    );
    expect(
      isBridged({ allChatbots: false, chatbotIds: ['bot-b'], categoryIds: ['sales'] }, room),
    ).toBe(false);
    expect(
      isBridged(
        { allChatbots: false, chatbotIds: [], categoryIds: ['billing'] },
        { ...room, category: null },
      ),
    ).toBe(false);
  });
});
