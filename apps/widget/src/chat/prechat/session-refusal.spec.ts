import { describe, expect, it } from '@jest/globals';
import { en } from '../../i18n/en';
import type { ApiFailure } from '../../shared/http';
import { sessionRefusal } from './session-refusal';

const failure = (override: Partial<ApiFailure>): ApiFailure => ({
  status: 400,
  code: 'validation_failed',
  message: '',
  errors: [],
  ...override,
});
const formFields = ['name', 'email', 'answers.topic'];

describe('a refused conversation start', () => {
  it("puts the server's complaint about the email beside the email field, in the visitor's words", () => {
    const refusal = sessionRefusal(
      failure({ errors: [{ field: 'email', message: 'a valid email address' }] }),
      en,
      formFields,
    );
    expect(refusal.fields).toEqual({ email: en.emailInvalid });
    expect(refusal.summary).toBe(en.fixFields);
  });

  it('finds a pre-chat answer named only in the message (answers.<id>: ...)', () => {
    const refusal = sessionRefusal(
      failure({ message: 'answers.topic: one of Sales, Help' }),
      en,
      formFields,
    );
    expect(refusal.fields).toEqual({ 'answers.topic': 'One of Sales, Help' });
  });

  it('tells a blocked visitor politely that the conversation cannot be started', () => {
    const refusal = sessionRefusal(
      failure({ status: 403, code: 'visitor_blocked' }),
      en,
      formFields,
    );
    expect(refusal).toEqual({ summary: en.visitorBlocked, fields: {}, final: true });
  });

  it('says the chat is unavailable for a wrong key or a site that is not allowed', () => {
    for (const refused of [
      failure({ status: 401, code: 'invalid_api_key' }),
      failure({ status: 403, code: 'origin_not_allowed' }),
    ])
      expect(sessionRefusal(refused, en, formFields)).toMatchObject({
        summary: en.chatUnavailable,
        final: true,
      });
  });

  it('asks to try later when rate limited, and to check the connection when offline', () => {
    expect(sessionRefusal(failure({ status: 429 }), en, formFields).summary).toBe(en.tryLater);
    expect(sessionRefusal(failure({ status: 0 }), en, formFields).summary).toBe(en.offline);
  });

  it('does not point at a field the form does not show', () => {
    const refusal = sessionRefusal(
      failure({ errors: [{ field: 'apiKey', message: 'too short' }] }),
      en,
      formFields,
    );
    expect(refusal).toEqual({ summary: en.failed, fields: {}, final: false });
  });
});
