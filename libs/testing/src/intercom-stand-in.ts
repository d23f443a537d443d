import { createHmac, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

/**
 * A local stand-in for Intercom's REST API and webhooks: the documented subset the bridge uses
 * (docs/integrations/vendor-apis.md, API version 2.11), with faults on demand. It holds one
 * workspace: its access token, its app's client secret, contacts and conversations; an "admin"
 * replies and closes as a person in Intercom's inbox would, and the stand-in can deliver the
 * signed notifications Intercom would send (or leave them out, to be found by polling).
 */

export interface StandInPart {
  type: 'conversation_part';
  id: string;
  part_type: string;
  body: string | null;
  created_at: number;
  updated_at: number;
  notified_at: number;
  author: { type: string; id: string; name: string | null; email: string | null };
  attachments: [];
  redacted: false;
}

export interface StandInConversation {
  id: string;
  contactId: string;
  state: 'open' | 'closed';
  createdAt: number;
  updatedAt: number;
  source: { id: string; body: string };
  parts: StandInPart[];
}

export interface StandInContact {
  type: 'contact';
  id: string;
  role: 'user' | 'lead';
  email: string;
  name: string | null;
}

/** A call the stand-in received, and what it answered. */
export interface StandInRequest {
  method: string;
  path: string;
  body: unknown;
  authorization: string | undefined;
  intercomVersion: string | undefined;
  /** When it arrived (ms since the epoch). */
  at: number;
  answered: number | 'hung';
}

/** What to do with upcoming calls instead of answering them (matched by path, in order). */
type Fault =
  | { kind: 'status'; status: number; match: RegExp; resetAt?: number; retryAfter?: string }
  | { kind: 'hang'; match: RegExp };

export const STAND_IN_ADMIN = {
  id: '991267596',
  name: 'Ciaran Lee',
  email: 'ciaran@intercom.test',
};

const nowSeconds = () => Math.floor(Date.now() / 1000);

export class IntercomStandIn {
  readonly requests: StandInRequest[] = [];
  readonly contacts = new Map<string, StandInContact>();
  readonly conversations = new Map<string, StandInConversation>();
  /** Contacts that exist but that search does not find yet (Intercom's search lags creation). */
  private readonly unsearchable = new Set<string>();
  private readonly faults: Fault[] = [];
  private readonly hanging: ServerResponse[] = [];
  private nextId = 1000;

  private constructor(
    private readonly server: Server,
    /** The API's base URL, for INTERCOM_API_URL. */
    readonly url: string,
    readonly accessToken: string,
    readonly clientSecret: string,
  ) {}

  static async start(): Promise<IntercomStandIn> {
    const server = createServer();
    await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
    const { port } = server.address() as { port: number };
    const standIn = new IntercomStandIn(
      server,
      `http://127.0.0.1:${port}`,
      `dG9rOmFjY2Vzcy0${randomBytes(12).toString('hex')}`,
      `client-secret-${randomBytes(12).toString('hex')}`,
    );
    server.on('request', (request: IncomingMessage, response: ServerResponse) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => standIn.serve(request, Buffer.concat(chunks).toString(), response));
    });
    return standIn;
  }

  async stop(): Promise<void> {
    for (const response of this.hanging) response.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((closed) => this.server.close(() => closed()));
  }

  /**
   * The next `count` calls whose path matches answer 429 as Intercom does: `X-RateLimit-*`
   * headers with the window's reset `resetInSeconds` from now, and no `Retry-After` unless given.
   */
  rateLimitNext(
    count: number,
    options: { resetInSeconds?: number; retryAfter?: string; match?: RegExp } = {},
  ): { resetAt: number } {
    const resetAt = nowSeconds() + (options.resetInSeconds ?? 2);
    for (let index = 0; index < count; index++)
      this.faults.push({
        kind: 'status',
        status: 429,
        match: options.match ?? /./,
        resetAt,
        ...(options.retryAfter !== undefined ? { retryAfter: options.retryAfter } : {}),
      });
    return { resetAt };
  }

  /** The next `count` calls whose path matches answer this 5xx. */
  failNext(count: number, status = 503, match: RegExp = /./): void {
    for (let index = 0; index < count; index++) this.faults.push({ kind: 'status', status, match });
  }

  /** The next `count` calls whose path matches never get an answer. */
  hangNext(count: number, match: RegExp = /./): void {
    for (let index = 0; index < count; index++) this.faults.push({ kind: 'hang', match });
  }

  /** A contact made elsewhere just now: it exists, but search does not return it yet. */
  contactCreatedElsewhere(email: string, name = 'Made Elsewhere'): StandInContact {
    const contact = this.addContact(email, name, 'user');
    this.unsearchable.add(contact.id);
    return contact;
  }

  /** The calls made to a path, e.g. `/conversations` or a RegExp. */
  calls(method: string, path: string | RegExp): StandInRequest[] {
    return this.requests.filter(
      (call) =>
        call.method === method &&
        (typeof path === 'string' ? call.path === path : path.test(call.path)),
    );
  }

  /** The conversation started by the contact with this email (the first one). */
  conversationOf(email: string): StandInConversation | undefined {
    const contact = [...this.contacts.values()].find((candidate) => candidate.email === email);
    return [...this.conversations.values()].find((found) => found.contactId === contact?.id);
  }

  /** A conversation started in Intercom itself (not through Parley), by a contact. */
  conversationStartedInIntercom(
    email: string,
    body = 'Hello from the Messenger',
  ): StandInConversation {
    const contact = this.addContact(email, 'Intercom Visitor', 'user');
    return this.startConversation(contact, body);
  }

  /** An admin answers in Intercom's inbox: a `comment` part (HTML, as version 2.11 sends it). */
  adminReplies(conversationId: string, html: string, admin = STAND_IN_ADMIN): StandInPart {
    return this.addPart(conversationId, 'comment', html, admin);
  }

  /** An admin writes an internal note: never meant for the visitor. */
  adminNotes(conversationId: string, html: string, admin = STAND_IN_ADMIN): StandInPart {
    return this.addPart(conversationId, 'note', html, admin);
  }

  /** An admin closes the conversation: a `close` part, and the state `closed`. */
  adminCloses(conversationId: string, admin = STAND_IN_ADMIN): StandInPart {
    const part = this.addPart(conversationId, 'close', null, admin);
    this.conversation(conversationId).state = 'closed';
    return part;
  }

  /**
   * The notification Intercom sends for a topic, its item the conversation with the parts
   * given (by default its last part only, as notifications carry the part that triggered them).
   */
  notification(
    topic: string,
    conversationId: string,
    parts?: StandInPart[],
  ): Record<string, unknown> {
    const conversation = this.conversation(conversationId);
    return {
      type: 'notification_event',
      app_id: 'standin1',
      id: `notif_${randomBytes(8).toString('hex')}`,
      topic,
      delivery_attempts: 1,
      first_sent_at: nowSeconds(),
      created_at: nowSeconds(),
      data: {
        type: 'notification_event_data',
        item: this.conversationJson(conversation, parts ?? conversation.parts.slice(-1)),
      },
    };
  }

  /**
   * Posts a notification to `url` as Intercom does: the JSON body signed with
   * `X-Hub-Signature: sha1=<HMAC-SHA1(body, client secret)>`; `signature` overrides the header
   * (null: none). Answers the status Parley gave.
   */
  async deliver(
    url: string,
    notification: Record<string, unknown>,
    options: { secret?: string; signature?: string | null } = {},
  ): Promise<{ status: number; body: string }> {
    const body = JSON.stringify(notification);
    const signature =
      options.signature === undefined
        ? `sha1=${createHmac('sha1', options.secret ?? this.clientSecret)
            .update(body)
            .digest('hex')}`
        : options.signature;
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Accept: 'application/json',
        'User-Agent': 'intercom-parrot-service-client/1.0',
        ...(signature !== null ? { 'X-Hub-Signature': signature } : {}),
      },
      body,
    });
    return { status: response.status, body: await response.text() };
  }

  private serve(request: IncomingMessage, text: string, response: ServerResponse): void {
    const path = (request.url ?? '/').split('?')[0];
    const body = parse(text);
    const call: StandInRequest = {
      method: request.method ?? 'GET',
      path,
      body,
      authorization: request.headers.authorization,
      intercomVersion: request.headers['intercom-version'] as string | undefined,
      at: Date.now(),
      answered: 200,
    };
    this.requests.push(call);
    const answer = (status: number, json: unknown, headers: Record<string, string> = {}) => {
      call.answered = status;
      response.writeHead(status, { 'Content-Type': 'application/json', ...headers });
      response.end(JSON.stringify(json));
    };

    const faultIndex = this.faults.findIndex((fault) => fault.match.test(path));
    if (faultIndex >= 0) {
      const [fault] = this.faults.splice(faultIndex, 1);
      if (fault.kind === 'hang') {
        call.answered = 'hung';
        this.hanging.push(response);
        return;
      }
      if (fault.status === 429) {
        answer(429, errorList('rate_limit_exceeded', 'Exceeded rate limit of 167 in 10_seconds'), {
          'X-RateLimit-Limit': '167',
          'X-RateLimit-Remaining': '0',
          'X-RateLimit-Reset': String(fault.resetAt),
          ...(fault.retryAfter !== undefined ? { 'Retry-After': fault.retryAfter } : {}),
        });
        return;
      }
      answer(fault.status, errorList('server_error', 'Something went wrong'));
      return;
    }
    if (request.headers.authorization !== `Bearer ${this.accessToken}`) {
      answer(401, errorList('unauthorized', 'Access Token Invalid'));
      return;
    }
    const limits = { 'X-RateLimit-Limit': '167', 'X-RateLimit-Remaining': '166' };
    const route = `${call.method} ${path}`;
    const conversationPath = /^\/conversations\/([^/]+)(\/reply)?$/.exec(path);
    const partsPath = /^\/conversations\/([^/]+)\/parts$/.exec(path);

    if (route === 'GET /me') {
      answer(
        200,
        {
          type: 'admin',
          id: STAND_IN_ADMIN.id,
          email: STAND_IN_ADMIN.email,
          name: STAND_IN_ADMIN.name,
          app: { type: 'app', id_code: 'standin1', name: 'Stand-in Workspace' },
        },
        limits,
      );
    } else if (route === 'POST /contacts/search') {
      const value = (body as { query?: { value?: string } })?.query?.value;
      const data = [...this.contacts.values()].filter(
        (contact) => contact.email === value && !this.unsearchable.has(contact.id),
      );
      answer(200, { type: 'list', data, total_count: data.length }, limits);
    } else if (route === 'POST /contacts') {
      const { email, name, role } = (body ?? {}) as {
        email?: string;
        name?: string;
        role?: string;
      };
      const existing = [...this.contacts.values()].find((contact) => contact.email === email);
      if (existing) {
        answer(
          409,
          errorList(
            'conflict',
            `A contact matching those details already exists with id=${existing.id}`,
          ),
        );
        return;
      }
      if (!email) {
        answer(400, errorList('parameter_invalid', 'email is required'));
        return;
      }
      answer(200, this.addContact(email, name ?? null, role === 'lead' ? 'lead' : 'user'), limits);
    } else if (route === 'POST /conversations') {
      const { from, body: text } = (body ?? {}) as { from?: { id?: string }; body?: string };
      const contact = this.contacts.get(from?.id ?? '');
      if (!contact) {
        answer(404, errorList('not_found', 'User Not Found'));
        return;
      }
      if (!text) {
        answer(400, errorList('parameter_not_found', 'body is required'));
        return;
      }
      const conversation = this.startConversation(contact, text);
      answer(
        200,
        {
          type: 'user_message',
          id: conversation.source.id,
          created_at: conversation.createdAt,
          body: text,
          message_type: 'inapp',
          conversation_id: conversation.id,
        },
        limits,
      );
    } else if (conversationPath && call.method === 'POST' && conversationPath[2]) {
      const conversation = this.conversations.get(conversationPath[1]);
      const reply = (body ?? {}) as { intercom_user_id?: string; body?: string; type?: string };
      const contact = this.contacts.get(reply.intercom_user_id ?? '');
      if (!conversation || !contact) {
        answer(404, errorList('not_found', 'Resource Not Found'));
        return;
      }
      const part = this.addPart(
        conversation.id,
        conversation.state === 'closed' ? 'open' : 'comment',
        `<p>${reply.body ?? ''}</p>`,
        {
          id: contact.id,
          name: contact.name,
          email: contact.email,
          type: 'user',
        },
      );
      conversation.state = 'open';
      answer(200, this.conversationJson(conversation, [part]), limits);
    } else if (partsPath && call.method === 'POST') {
      // Managing a conversation; of its kinds only an admin's close is spoken here.
      const conversation = this.conversations.get(partsPath[1]);
      const manage = (body ?? {}) as { message_type?: string; type?: string; admin_id?: string };
      if (!conversation) {
        answer(404, errorList('not_found', 'Resource Not Found'));
        return;
      }
      if (manage.message_type !== 'close' || manage.type !== 'admin' || !manage.admin_id) {
        answer(400, errorList('parameter_invalid', 'message_type close, type admin and admin_id'));
        return;
      }
      const admin =
        manage.admin_id === STAND_IN_ADMIN.id
          ? STAND_IN_ADMIN
          : { id: manage.admin_id, name: 'Another Admin', email: 'another@intercom.test' };
      const part = this.adminCloses(conversation.id, admin);
      answer(200, this.conversationJson(conversation, [part]), limits);
    } else if (conversationPath && call.method === 'GET' && !conversationPath[2]) {
      const conversation = this.conversations.get(conversationPath[1]);
      if (!conversation) {
        answer(404, errorList('not_found', 'Resource Not Found'));
        return;
      }
      answer(200, this.conversationJson(conversation, conversation.parts.slice(-500)), limits);
    } else {
      answer(404, errorList('not_found', 'Resource Not Found'));
    }
  }

  private addContact(email: string, name: string | null, role: 'user' | 'lead'): StandInContact {
    const contact: StandInContact = {
      type: 'contact',
      id: randomBytes(12).toString('hex'),
      role,
      email,
      name,
    };
    this.contacts.set(contact.id, contact);
    return contact;
  }

  private startConversation(contact: StandInContact, body: string): StandInConversation {
    const now = nowSeconds();
    const conversation: StandInConversation = {
      id: String(this.nextId++),
      contactId: contact.id,
      state: 'open',
      createdAt: now,
      updatedAt: now,
      source: { id: String(400_000_000 + this.nextId++), body },
      parts: [],
    };
    this.conversations.set(conversation.id, conversation);
    return conversation;
  }

  private conversation(id: string): StandInConversation {
    const found = this.conversations.get(id);
    if (!found) throw new Error(`the stand-in has no conversation ${id}`);
    return found;
  }

  private addPart(
    conversationId: string,
    partType: string,
    body: string | null,
    author: { id: string; name: string | null; email: string | null; type?: string },
  ): StandInPart {
    const conversation = this.conversation(conversationId);
    const now = nowSeconds();
    const part: StandInPart = {
      type: 'conversation_part',
      id: String(this.nextId++),
      part_type: partType,
      body,
      created_at: now,
      updated_at: now,
      notified_at: now,
      author: {
        type: author.type ?? 'admin',
        id: author.id,
        name: author.name,
        email: author.email,
      },
      attachments: [],
      redacted: false,
    };
    conversation.parts.push(part);
    conversation.updatedAt = now;
    return part;
  }

  private conversationJson(conversation: StandInConversation, parts: StandInPart[]) {
    const contact = this.contacts.get(conversation.contactId);
    return {
      type: 'conversation',
      id: conversation.id,
      created_at: conversation.createdAt,
      updated_at: conversation.updatedAt,
      state: conversation.state,
      open: conversation.state === 'open',
      source: {
        type: 'conversation',
        id: conversation.source.id,
        delivered_as: 'customer_initiated',
        body: `<p>${conversation.source.body}</p>`,
        author: { type: 'user', id: contact?.id, name: contact?.name, email: contact?.email },
      },
      contacts: {
        type: 'contact.list',
        contacts: contact ? [{ type: 'contact', id: contact.id, external_id: null }] : [],
      },
      conversation_parts: {
        type: 'conversation_part.list',
        total_count: parts.length,
        conversation_parts: parts,
      },
    };
  }
}

function errorList(code: string, message: string) {
  return {
    type: 'error.list',
    request_id: randomBytes(8).toString('hex'),
    errors: [{ code, message }],
  };
}

function parse(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return text;
  }
}
