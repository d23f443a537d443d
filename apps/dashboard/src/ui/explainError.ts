import { ApiError } from '../api/client';

// The API's codes in words an admin can act on; anything else falls back to the server's message
// (builtin_role and not_dead among them: the server's message names the cause or the state).
const MESSAGES: Record<string, string> = {
  email_taken: 'An account with this email already exists. Sign in instead, or use another email.',
  invalid_credentials: 'The email or password is wrong.',
  invalid_token: 'This link is no longer valid: it has expired or was already used.',
  email_not_verified:
    'Confirm your email address first: open the link we sent you when you signed up.',
  invalid_code: 'This sign-in has expired or was already used. Please sign in again.',
  browser_mismatch: 'This sign-in was started in another browser. Start it again here to sign in.',
  own_roles: 'You cannot change your own roles. Ask another admin to do it.',
  admin_required: 'Only an Admin can give, change or take away the Admin role.',
  google_sign_in_disabled: 'Sign-in with Google is not enabled on this Parley server.',
  last_admin:
    'This is the last active admin of the workspace. Make another agent an admin first, then try again.',
  invitation_pending:
    'This agent has not accepted the invitation yet; they become active when they do.',
  unknown_role: 'One of the chosen roles no longer exists. Reload the page and choose again.',
  role_name_taken: 'A role with this name already exists.',
  role_in_use: 'Agents still hold this role. Give them another role first, then delete it.',
  notification_not_found: 'This notification no longer exists.',
  chatbot_not_found: 'This chatbot no longer exists.',
  report_not_found: 'There is no report for that day.',
  payload_too_large: 'That is too much to send at once.',
};

function sentence(text: string): string {
  const trimmed = text.trim();
  if (!trimmed) return 'Something went wrong.';
  const capitalized = trimmed[0].toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capitalized) ? capitalized : `${capitalized}.`;
}

function waitText(seconds: number): string {
  if (seconds < 90) return `${seconds} seconds`;
  return `${Math.ceil(seconds / 60)} minutes`;
}

/** A sentence for any error, fit to show to the user. */
export function explainError(error: unknown): string {
  if (typeof error === 'string') return error;
  if (error instanceof ApiError) {
    if (MESSAGES[error.code]) return MESSAGES[error.code];
    if (error.status === 429) {
      const wait = error.details.retryAfterSeconds;
      return wait
        ? `Too many attempts. Try again in ${waitText(wait)}.`
        : 'Too many attempts. Wait a moment and try again.';
    }
    if (error.status === 401) return 'Your session has ended. Sign in again.';
    if (error.status === 403) return `You are not allowed to do this (${error.message}).`;
    if (error.status >= 500) {
      const reference = error.details.errorId ? ` (error id ${error.details.errorId})` : '';
      return error.status >= 502 && error.status <= 504
        ? 'Parley is not answering right now. Try again in a moment.'
        : `Something went wrong on our side${reference}. Try again.`;
    }
    return sentence(error.message);
  }
  // fetch rejects with a TypeError when the network or the server is down.
  if (error instanceof TypeError)
    return 'Cannot reach Parley. Check your connection and try again.';
  if (error instanceof Error) return sentence(error.message);
  return 'Something went wrong.';
}
