import { describe, expect, it } from '@jest/globals';
import { settingsFromHash, settingsFromSnippet } from './embed-settings';

describe('the demo page', () => {
  it("reads the chatbot from the dashboard's link", () => {
    expect(settingsFromHash('#tenantId=t1&chatbotId=c1&apiKey=pk_abc')).toEqual({
      tenantId: 't1',
      chatbotId: 'c1',
      apiKey: 'pk_abc',
    });
  });

  it('reads a pasted embed snippet', () => {
    const snippet =
      '<script src="https://chat.example.com/widget.js" data-tenant-id="t1" data-chatbot-id="c1" data-api-key="pk_abc" data-locale="fr" async></script>';
    expect(settingsFromSnippet(snippet)).toEqual({
      tenantId: 't1',
      chatbotId: 'c1',
      apiKey: 'pk_abc',
      locale: 'fr',
    });
  });

  it('refuses a snippet without an API key', () => {
    expect(settingsFromSnippet('<script data-tenant-id="t1" data-chatbot-id="c1">')).toBeNull();
  });
});
