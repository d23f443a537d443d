import { en, type Strings } from './en';
import { fr } from './fr';

const dictionaries = { en, fr } satisfies Record<string, Strings>;

export type Locale = keyof typeof dictionaries;

function supported(tag: string | undefined): Locale | undefined {
  const language = tag?.trim().toLowerCase().split(/[-_]/)[0];
  return language && language in dictionaries ? (language as Locale) : undefined;
}

/**
 * The tenant's `data-locale` wins when the widget speaks it; otherwise the visitor's first
 * browser language the widget speaks; otherwise English.
 */
export function pickLocale(requested: string | undefined, browserLanguages: readonly string[]) {
  return [requested, ...browserLanguages].map(supported).find(Boolean) ?? 'en';
}

export function stringsFor(locale: Locale): Strings {
  return dictionaries[locale];
}

/** What the browser says about the visitor's languages, most preferred first. */
export function browserLanguages(): readonly string[] {
  return navigator.languages?.length ? navigator.languages : [navigator.language];
}

/**
 * The tag to format times with: the visitor's own regional variant of the widget's language
 * when they have one (a British visitor reads 14:05, an American 2:05 PM), else the language.
 */
export function regionalTag(locale: Locale, browserLanguages: readonly string[]): string {
  return browserLanguages.find((tag) => supported(tag) === locale) ?? locale;
}
