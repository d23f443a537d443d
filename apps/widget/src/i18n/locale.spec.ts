import { describe, expect, it } from '@jest/globals';
import { pickLocale, regionalTag, stringsFor } from './locale';

describe('pickLocale', () => {
  it('speaks the language the tenant asked for with data-locale, whatever the browser says', () => {
    expect(pickLocale('fr', ['en-US', 'en'])).toBe('fr');
  });

  it('understands regional tags and underscores in data-locale', () => {
    expect(pickLocale('fr-CA', [])).toBe('fr');
    expect(pickLocale('FR_be', [])).toBe('fr');
  });

  it("follows the visitor's browser when the tenant asked for nothing", () => {
    expect(pickLocale(undefined, ['fr-FR', 'en'])).toBe('fr');
  });

  it('takes the first browser language it speaks, skipping the ones it does not', () => {
    expect(pickLocale(undefined, ['ja', 'fr-CH', 'en'])).toBe('fr');
  });

  it('falls back to the browser when data-locale names a language it does not speak', () => {
    expect(pickLocale('pt-BR', ['fr'])).toBe('fr');
  });

  it('speaks English when nothing else fits', () => {
    expect(pickLocale('zz', ['ja', 'ko'])).toBe('en');
    expect(pickLocale(undefined, [])).toBe('en');
  });

  it('shows French strings for French', () => {
    expect(stringsFor('fr').startChat).toBe('Commencer la discussion');
    expect(stringsFor('fr').unread(2)).toBe('2 messages non lus');
  });
});

describe('regionalTag', () => {
  it("formats times the visitor's regional way when they speak the widget's language", () => {
    expect(regionalTag('en', ['fr-FR', 'en-GB'])).toBe('en-GB');
  });

  it("uses the widget's language when the visitor's browser does not speak it", () => {
    expect(regionalTag('fr', ['en-US'])).toBe('fr');
  });
});
