import type { Strings } from '../../i18n/en';
import type { ApiFailure } from '../../shared/http';
import type { FieldErrors } from './pre-chat-values';

/** How a refused `POST /widget/sessions` is told to the visitor. */
export interface SessionRefusal {
  /** Shown above the form (or instead of it when `final`). */
  summary: string;
  fields: FieldErrors;
  /** Nothing the visitor can change makes it work (wrong site, blocked visitor). */
  final: boolean;
}

const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * The server names bad fields in `errors`, or, for pre-chat answers, only in the message
 * ("answers.topic: required; answers.size: one of S, M").
 */
function fieldComplaints(failure: ApiFailure): FieldErrors {
  const fields: FieldErrors = {};
  for (const { field, message } of failure.errors) fields[field] = capitalized(message);
  for (const part of failure.message.split('; ')) {
    const named = /^(answers\.[\w-]+|name|email): (.+)$/.exec(part);
    if (named && !fields[named[1]]) fields[named[1]] = capitalized(named[2]);
  }
  return fields;
}

/** `formFields`: the keys the form can show a message beside (`name`, `answers.<id>`, ...). */
export function sessionRefusal(
  failure: ApiFailure,
  strings: Strings,
  formFields: readonly string[],
): SessionRefusal {
  const refusal = (summary: string, final = false, fields: FieldErrors = {}) => ({
    summary,
    fields,
    final,
  });
  if (failure.status === 0) return refusal(strings.offline);
  if (failure.code === 'visitor_blocked') return refusal(strings.visitorBlocked, true);
  if (failure.status === 401 || failure.status === 403)
    return refusal(strings.chatUnavailable, true);
  if (failure.status === 429) return refusal(strings.tryLater);
  if (failure.status === 400) {
    // Name and email have one likely complaint each, which the visitor's language says better.
    const ours: FieldErrors = { name: strings.nameMissing, email: strings.emailInvalid };
    const fields = Object.fromEntries(
      Object.entries(fieldComplaints(failure))
        .filter(([field]) => formFields.includes(field))
        .map(([field, message]) => [field, ours[field] ?? message]),
    );
    if (Object.keys(fields).length) return refusal(strings.fixFields, false, fields);
  }
  return refusal(strings.failed);
}
