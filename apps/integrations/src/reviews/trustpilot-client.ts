import { InjectConfig } from '@app/config';
import { isTimeout, networkErrorCode, retryAfterMs } from '@app/platform';
import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import { type IntegrationsConfig } from '../integrations.config';

/** A tenant's Trustpilot API key and secret (OAuth client credentials). */
export interface TrustpilotCredentials {
  apiKey: string;
  apiSecret: string;
}

/** The invitation as the Invitations API takes it (the field names of Trustpilot's example). */
export interface EmailInvitation {
  consumerEmail: string;
  consumerName: string;
  referenceNumber: string;
  locale?: string;
  senderName?: string;
  senderEmail?: string;
  replyTo?: string;
  serviceReviewInvitation: { templateId?: string };
}

/**
 * What went wrong with a call: `unauthorized` (401: the token, or the credentials for a token),
 * `rate_limited` (429), `unavailable` (5xx, no answer, an answer of the wrong shape) can pass;
 * `bad_request`, `forbidden` and `not_found` will not by trying again.
 */
export interface TrustpilotFailure {
  kind: 'unauthorized' | 'rate_limited' | 'unavailable' | 'bad_request' | 'forbidden' | 'not_found';
  status: number | null;
  /** From a 429's `Retry-After`, when Trustpilot sends one (it documents none). */
  retryAfterMs?: number;
  /** For the log and the health view: never a credential, a token or the request's body. */
  detail: string;
}

export type TrustpilotResult<T> =
  { ok: true; value: T } | { ok: false; failure: TrustpilotFailure };

export const isRetryable = (failure: TrustpilotFailure): boolean =>
  ['unauthorized', 'rate_limited', 'unavailable'].includes(failure.kind);

const tokenAnswer = z.object({
  access_token: z.string().min(1),
  // Documented as a string of seconds ("359999"); a number is taken too.
  expires_in: z.union([z.string().regex(/^\d+$/), z.number().int()]).transform(Number),
});

/** UNCONFIRMED shape (docs/integrations/vendor-apis.md §9): only `id` and `name` are read. */
const templatesAnswer = z.object({
  templates: z.array(z.object({ id: z.string(), name: z.string().optional() }).loose()),
});

const OAUTH_GRANT_PATH = '/v1/oauth/oauth-business-users-for-applications/accesstoken';
const businessUnitPath = (businessUnitId: string) =>
  `/v1/private/business-units/${encodeURIComponent(businessUnitId)}`;

/**
 * Trustpilot's API, the part Parley uses (docs/integrations/vendor-apis.md §8–10): an access
 * token for client credentials, an email invitation, the templates of a business unit. Answers
 * what happened rather than throwing, and never logs: callers record the outcome.
 */
@Injectable()
export class TrustpilotClient {
  constructor(@InjectConfig() private readonly config: IntegrationsConfig) {}

  async requestToken(
    credentials: TrustpilotCredentials,
  ): Promise<TrustpilotResult<{ accessToken: string; expiresInSeconds: number }>> {
    const basic = Buffer.from(`${credentials.apiKey}:${credentials.apiSecret}`).toString('base64');
    const answer = await this.call(`${this.config.TRUSTPILOT_API_URL}${OAUTH_GRANT_PATH}`, {
      method: 'POST',
      headers: {
        Authorization: `Basic ${basic}`,
        'Content-Type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ grant_type: 'client_credentials' }).toString(),
    });
    if (!answer.ok) return answer;
    const token = tokenAnswer.safeParse(await readJson(answer.value));
    if (!token.success) return unexpected('the token endpoint');
    return {
      ok: true,
      value: { accessToken: token.data.access_token, expiresInSeconds: token.data.expires_in },
    };
  }

  async createEmailInvitation(
    accessToken: string,
    target: { businessUnitId: string; businessUserId: string | null },
    invitation: EmailInvitation,
  ): Promise<TrustpilotResult<void>> {
    const answer = await this.call(
      `${this.config.TRUSTPILOT_INVITATIONS_API_URL}${businessUnitPath(target.businessUnitId)}/email-invitations`,
      {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${accessToken}`,
          'Content-Type': 'application/json',
          ...(target.businessUserId && { 'x-business-user-id': target.businessUserId }),
        },
        body: JSON.stringify(invitation),
      },
    );
    if (!answer.ok) return answer;
    // Any 2xx: Trustpilot queues the invitation and documents no answer body.
    await answer.value.body?.cancel();
    return { ok: true, value: undefined };
  }

  /** The business unit's template ids; null when the answer has a shape Parley does not know. */
  async templates(
    accessToken: string,
    businessUnitId: string,
  ): Promise<TrustpilotResult<string[] | null>> {
    const answer = await this.call(
      `${this.config.TRUSTPILOT_INVITATIONS_API_URL}${businessUnitPath(businessUnitId)}/templates`,
      { method: 'GET', headers: { Authorization: `Bearer ${accessToken}` } },
    );
    if (!answer.ok) return answer;
    const parsed = templatesAnswer.safeParse(await readJson(answer.value));
    return { ok: true, value: parsed.success ? parsed.data.templates.map(({ id }) => id) : null };
  }

  private async call(url: string, init: RequestInit): Promise<TrustpilotResult<Response>> {
    const target = new URL(url);
    // A test run never reaches the real Trustpilot, whatever it was configured with.
    if (
      this.config.NODE_ENV === 'test' &&
      !['127.0.0.1', 'localhost', '[::1]'].includes(target.hostname)
    )
      return failed(
        'unavailable',
        null,
        `a test run calls no Trustpilot outside this machine (${target.host})`,
      );
    let response: Response;
    try {
      response = await fetch(target, {
        ...init,
        headers: { Accept: 'application/json', 'User-Agent': 'Parley-Reviews/1', ...init.headers },
        redirect: 'error',
        signal: AbortSignal.timeout(this.config.TRUSTPILOT_TIMEOUT_MS),
      });
    } catch (error) {
      return failed(
        'unavailable',
        null,
        describeNetworkError(error, this.config.TRUSTPILOT_TIMEOUT_MS),
      );
    }
    if (response.ok) return { ok: true, value: response };
    const message = await errorMessage(response);
    const detail = `HTTP ${response.status} from Trustpilot${message ? `: ${message}` : ''}`;
    switch (response.status) {
      case 401:
        return failed('unauthorized', 401, detail);
      case 429:
        return {
          ok: false,
          failure: {
            ...failed('rate_limited', 429, detail).failure,
            retryAfterMs: retryAfterMs(response.headers),
          },
        };
      case 403:
        return failed('forbidden', 403, detail);
      case 404:
        return failed('not_found', 404, detail);
      default:
        return failed(
          response.status >= 500 ? 'unavailable' : 'bad_request',
          response.status,
          detail,
        );
    }
  }
}

function failed(
  kind: TrustpilotFailure['kind'],
  status: number | null,
  detail: string,
): { ok: false; failure: TrustpilotFailure } {
  return { ok: false, failure: { kind, status, detail } };
}

function unexpected(what: string): { ok: false; failure: TrustpilotFailure } {
  return failed('unavailable', null, `an answer of an unexpected shape from ${what}`);
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    return undefined;
  }
}

/**
 * Trustpilot's error bodies vary (`{ message, errorCode }`, an OAuth `fault`, nothing): the
 * message, if one is found, cut short. Trustpilot's messages name fields, not their values.
 */
async function errorMessage(response: Response): Promise<string | null> {
  const body = (await readJson(response)) as
    { message?: unknown; fault?: { faultstring?: unknown } } | undefined;
  const message = body?.message ?? body?.fault?.faultstring;
  return typeof message === 'string' && message.trim() !== '' ? message.trim().slice(0, 200) : null;
}

function describeNetworkError(error: unknown, timeoutMs: number): string {
  if (isTimeout(error)) return `no answer from Trustpilot in ${Math.round(timeoutMs / 1000)} s`;
  const name = (error as Error | null)?.name;
  return `Trustpilot unreachable (${networkErrorCode(error) ?? name ?? 'network error'})`;
}
