import { InjectConfig } from '@app/config';
import { describeFetchFailure, retryAfterMs } from '@app/platform';
import { Injectable } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { type z } from 'zod';
import { type ChatConfig } from '../chat.config';
import {
  contactListSchema,
  contactSchema,
  conversationSchema,
  errorListSchema,
  type IntercomContact,
  type IntercomConversation,
  type IntercomMe,
  meSchema,
  startedSchema,
} from './intercom-api.schemas';
import {
  IntercomRateLimitedError,
  IntercomRefusedError,
  IntercomUnavailableError,
} from './intercom-errors';

/** The version whose shapes the bridge reads (HTML bodies; see vendor-apis.md §0). */
export const INTERCOM_VERSION = '2.11';

/** A 409 on contact creation names the contact that exists: "…already exists with id=<id>". */
const EXISTING_CONTACT = /id=([0-9a-f]+)/i;

export interface CallOptions {
  /** Tries for a 5xx, a timeout or a network error; the configured number by default. */
  attempts?: number;
  /** The longest 429 wait taken in line; the configured one by default. */
  maxInlineWaitMs?: number;
}

/**
 * Intercom's REST API, the documented subset the bridge uses, for one workspace's access token
 * per call. Every call has a timeout; a 5xx, a hung call or a network error is tried again after
 * a random backoff; a 429 is waited out until `Retry-After` or `X-RateLimit-Reset` when that is
 * soon, else thrown as `IntercomRateLimitedError` with when to come back. Tokens never appear in
 * an error or a log line.
 */
@Injectable()
export class IntercomClient {
  constructor(@InjectConfig() private readonly config: ChatConfig) {}

  /** The admin the token belongs to: Intercom's check that the token works. */
  me(token: string, options?: CallOptions): Promise<IntercomMe> {
    return this.call(token, 'GET', '/me', undefined, meSchema, options);
  }

  /** The contact with this email, a user before a lead (one email may have both). */
  async findContactByEmail(token: string, email: string): Promise<IntercomContact | null> {
    const found = await this.call(
      token,
      'POST',
      '/contacts/search',
      { query: { field: 'email', operator: '=', value: email }, pagination: { per_page: 5 } },
      contactListSchema,
    );
    const exact = found.data.filter(
      (contact) => contact.email?.toLowerCase() === email.toLowerCase(),
    );
    return exact.find((contact) => contact.role === 'user') ?? exact[0] ?? null;
  }

  /**
   * A new contact; when Intercom already has one for the email (search lags behind creation, or
   * another replica made it meanwhile) its 409 names it, and that one is answered.
   */
  async createContact(
    token: string,
    person: { email: string; name: string },
  ): Promise<IntercomContact> {
    try {
      return await this.call(
        token,
        'POST',
        '/contacts',
        { role: 'user', email: person.email, name: person.name },
        contactSchema,
      );
    } catch (error) {
      const existing =
        error instanceof IntercomRefusedError && error.status === 409
          ? EXISTING_CONTACT.exec(error.message)?.[1]
          : undefined;
      if (!existing) throw error;
      return { id: existing, role: 'user', email: person.email, name: person.name };
    }
  }

  /** A conversation started by the contact; answers its id and the first message's (its source). */
  async startConversation(
    token: string,
    contact: Pick<IntercomContact, 'id' | 'role'>,
    body: string,
  ): Promise<{ conversationId: string; messageId: string }> {
    const started = await this.call(
      token,
      'POST',
      '/conversations',
      { from: { type: contact.role === 'lead' ? 'lead' : 'user', id: contact.id }, body },
      startedSchema,
    );
    return { conversationId: started.conversation_id, messageId: started.id };
  }

  /** The contact's reply; answers the new part's id (the last part by the contact). */
  async replyAsContact(
    token: string,
    conversationId: string,
    contactId: string,
    body: string,
  ): Promise<string | null> {
    const conversation = await this.call(
      token,
      'POST',
      `/conversations/${encodeURIComponent(conversationId)}/reply`,
      { message_type: 'comment', type: 'user', intercom_user_id: contactId, body },
      conversationSchema,
    );
    const parts = conversation.conversation_parts?.conversation_parts ?? [];
    return parts.filter((part) => part.author.id === contactId).at(-1)?.id ?? null;
  }

  /** Closes the conversation as the admin; answers the close part's id. */
  async closeConversation(
    token: string,
    conversationId: string,
    adminId: string,
    body: string,
  ): Promise<string | null> {
    const conversation = await this.call(
      token,
      'POST',
      `/conversations/${encodeURIComponent(conversationId)}/parts`,
      { message_type: 'close', type: 'admin', admin_id: adminId, body },
      conversationSchema,
    );
    const parts = conversation.conversation_parts?.conversation_parts ?? [];
    return parts.filter((part) => part.part_type === 'close').at(-1)?.id ?? null;
  }

  /** The conversation with its parts (Intercom's 500 most recent). */
  getConversation(token: string, conversationId: string): Promise<IntercomConversation> {
    return this.call(
      token,
      'GET',
      `/conversations/${encodeURIComponent(conversationId)}`,
      undefined,
      conversationSchema,
    );
  }

  private async call<S extends z.ZodType>(
    token: string,
    method: 'GET' | 'POST',
    path: string,
    body: object | undefined,
    schema: S,
    options: CallOptions = {},
  ): Promise<z.output<S>> {
    const attempts = options.attempts ?? this.config.INTERCOM_ATTEMPTS;
    const maxInlineWaitMs = options.maxInlineWaitMs ?? this.config.INTERCOM_MAX_INLINE_WAIT_MS;
    const what = `${method} ${path}`;
    for (let attempt = 1; ; attempt++) {
      const last = attempt >= attempts;
      let status: number;
      let headers: Headers;
      let text: string;
      try {
        const response = await fetch(`${this.config.INTERCOM_API_URL}${path}`, {
          method,
          headers: {
            Authorization: `Bearer ${token}`,
            Accept: 'application/json',
            'Intercom-Version': INTERCOM_VERSION,
            ...(body ? { 'Content-Type': 'application/json' } : {}),
          },
          ...(body ? { body: JSON.stringify(body) } : {}),
          // Covers the connection, the headers and the body: a hung call is abandoned whole.
          signal: AbortSignal.timeout(this.config.INTERCOM_TIMEOUT_MS),
        });
        status = response.status;
        headers = response.headers;
        text = await response.text();
      } catch (error) {
        const detail = `${what}: ${describeFetchFailure(error)}`;
        if (last) throw new IntercomUnavailableError(detail);
        await sleep(this.backoff(attempt));
        continue;
      }
      if (status === 429) {
        const waitMs = rateLimitWait(headers, attempt, this.config.INTERCOM_RETRY_BASE_MS);
        if (last || waitMs > maxInlineWaitMs)
          throw new IntercomRateLimitedError(new Date(Date.now() + waitMs));
        await sleep(waitMs);
        continue;
      }
      if (status >= 500) {
        if (last) throw new IntercomUnavailableError(`${what}: answered ${status}`);
        await sleep(this.backoff(attempt));
        continue;
      }
      const json = parseJson(text);
      if (status < 200 || status >= 300) {
        const error = errorListSchema.safeParse(json);
        const first = error.success ? error.data.errors[0] : undefined;
        throw new IntercomRefusedError(
          status,
          first?.code ?? 'unknown',
          `${what}: ${first?.message ?? `answered ${status}`}`,
        );
      }
      const parsed = schema.safeParse(json);
      if (!parsed.success)
        throw new IntercomUnavailableError(`${what}: an answer of an unexpected shape`);
      return parsed.data;
    }
  }

  /** Full jitter: a random wait up to base × 2^(attempt − 1). */
  private backoff(attempt: number): number {
    return Math.random() * this.config.INTERCOM_RETRY_BASE_MS * 2 ** (attempt - 1);
  }
}

/**
 * How long a 429 asks to wait: `Retry-After` (seconds or a date) if sent and readable, else
 * until `X-RateLimit-Reset` (Unix seconds; what Intercom documents), plus a little jitter so that
 * replicas do not all come back at the same instant; a backoff when neither says.
 */
export function rateLimitWait(headers: Headers, attempt: number, baseMs: number, now = Date.now()) {
  const jitter = Math.random() * 250;
  const retryAfter = retryAfterMs(headers, now);
  if (retryAfter !== undefined) return retryAfter + jitter;
  const reset = Number(headers.get('x-ratelimit-reset'));
  if (headers.get('x-ratelimit-reset') !== null && Number.isFinite(reset))
    return Math.max(0, reset * 1000 - now) + jitter;
  return baseMs * 2 ** (attempt - 1) + jitter;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
