import { seal } from '@app/auth';
import { randomBytes } from 'node:crypto';
import { type NotificationKind, type NotificationRequest } from '@app/contracts';
import { type EmailConfig } from '../email.config';
import { VISITOR_NOTIFICATION_KINDS } from '@app/contracts';
import { MailRendererService } from './mail-renderer.service';
import { quotedVisitorName } from './visitor-name';

const SEAL_KEY = randomBytes(32).toString('base64url');
const sealed = (url: string) => ({ sealed: seal(url, SEAL_KEY, 'notification-link') });

/** What a user could type into any name or message. */
const TYPED = '<script>alert("x")</script> & co';
const TYPED_IN_HTML = '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co';

const base = { notificationId: 'n-1', tenantName: 'Producer name', to: { email: 'v@example.com' } };

/** One request of each kind, every user-typed field holding TYPED. */
const REQUESTS: Record<NotificationKind, NotificationRequest> = {
  'visitor-welcome': {
    ...base,
    kind: 'visitor-welcome',
    chatbotName: TYPED,
    conversationUrl: sealed('https://parley.test/conversation/room-1?t=secret'),
  },
  'offline-message-received': {
    ...base,
    kind: 'offline-message-received',
    chatbotName: TYPED,
    message: TYPED,
    conversationUrl: sealed('https://parley.test/conversation/room-1?t=secret'),
  },
  'agent-reply': {
    ...base,
    kind: 'agent-reply',
    agentName: TYPED,
    reply: TYPED,
    conversationUrl: sealed('https://parley.test/conversation/room-1?t=secret'),
  },
  'conversation-transcript': {
    ...base,
    kind: 'conversation-transcript',
    reason: 'resolved',
    lines: [{ from: TYPED, senderType: 'visitor', body: TYPED, at: '2026-03-01T09:30:00.000Z' }],
  },
  'password-reset': {
    ...base,
    kind: 'password-reset',
    resetUrl: sealed('https://parley.test/app/reset?t=secret'),
    expiresAt: '2026-03-01T10:00:00.000Z',
  },
  'agent-invite': {
    ...base,
    kind: 'agent-invite',
    inviterName: TYPED,
    acceptUrl: sealed('https://parley.test/app/invite?t=secret'),
    expiresAt: '2026-03-08T10:00:00.000Z',
  },
  'email-verification': {
    ...base,
    kind: 'email-verification',
    verifyUrl: sealed('https://parley.test/app/verify-email#token=secret'),
    expiresAt: '2026-03-02T10:00:00.000Z',
  },
  'usage-report': {
    ...base,
    kind: 'usage-report',
    day: '2026-03-01',
    figures: [{ label: 'Conversations started', value: '12' }],
    dashboardUrl: 'https://parley.test/app/analytics?from=2026-03-01',
  },
  'sla-breached': {
    ...base,
    kind: 'sla-breached',
    displayId: 42,
    breach: 'first_response',
    dueAt: '2026-03-01T10:05:00.000Z',
    priority: 'high',
    escalation: 'raise-priority',
    dashboardUrl: 'https://parley.test/app/inbox',
  },
  'webhook-disabled': {
    ...base,
    kind: 'webhook-disabled',
    endpointUrl: 'https://hooks.example.com/parley',
    failingSince: '2026-03-01T10:00:00.000Z',
    lastError: 'HTTP 500',
    dashboardUrl: 'https://parley.test/app/webhooks',
  },
};

const LINKS: Record<NotificationKind, string> = {
  'visitor-welcome': 'https://parley.test/conversation/room-1?t=secret',
  'agent-reply': 'https://parley.test/conversation/room-1?t=secret',
  'offline-message-received': 'https://parley.test/conversation/room-1?t=secret',
  'conversation-transcript': '',
  'password-reset': 'https://parley.test/app/reset?t=secret',
  'agent-invite': 'https://parley.test/app/invite?t=secret',
  'email-verification': 'https://parley.test/app/verify-email#token=secret',
  'usage-report': 'https://parley.test/app/analytics?from=2026-03-01',
  'sla-breached': 'https://parley.test/app/inbox',
  'webhook-disabled': 'https://parley.test/app/webhooks',
};

const branding = { name: 'Acme & Sons', brandColor: '#ff5500' };
const withName = (request: NotificationRequest, name: string): NotificationRequest => ({
  ...request,
  to: { ...request.to, name },
});

const VISITOR_KINDS: readonly NotificationKind[] = VISITOR_NOTIFICATION_KINDS;

describe('quotedVisitorName', () => {
  it('quotes a short name as typed', () => {
    expect(quotedVisitorName('Jane Doe')).toBe('“Jane Doe”');
  });

  it('cuts a long name to 40 characters, ending in an ellipsis', () => {
    const shown = quotedVisitorName(`Win a free phone at prizes.example ${'x'.repeat(200)}`)!;
    expect([...shown.slice(1, -1)]).toHaveLength(40);
    expect(shown).toBe('“Win a free phone at prizes.example xxxx…”');
  });

  it('keeps a name to one line, with no quotation marks of its own to close ours', () => {
    expect(quotedVisitorName('Jane”\r\n\nClick here \u202e“now')).toBe("“Jane' Click here 'now”");
  });

  it('counts characters, not UTF-16 units, so an emoji is never cut in half', () => {
    expect(quotedVisitorName('😀'.repeat(50))).toBe(`“${'😀'.repeat(39)}…”`);
  });

  it('gives nothing for a missing or blank name', () => {
    expect(quotedVisitorName(undefined)).toBeNull();
    expect(quotedVisitorName(' \n ')).toBeNull();
  });
});

describe('MailRendererService', () => {
  const renderer = new MailRendererService({ NOTIFICATION_SEAL_KEY: SEAL_KEY } as EmailConfig);
  beforeAll(() => renderer.onModuleInit());

  describe.each(Object.keys(REQUESTS) as NotificationKind[])('the %s mail', (kind) => {
    let mail: ReturnType<MailRendererService['render']>;
    beforeAll(() => {
      mail = renderer.render(withName(REQUESTS[kind], TYPED), branding, null);
    });

    it('escapes everything the user typed in the HTML part, and keeps it as typed in the text', () => {
      expect(mail.html).toContain(TYPED_IN_HTML);
      expect(mail.html).not.toContain('<script>');
    });

    if (VISITOR_KINDS.includes(kind))
      it('shows the name the visitor typed only quoted, never as a greeting', () => {
        const quoted = "“<script>alert('x')</script> & co”";
        expect(mail.text).toContain(`Name given in the chat: ${quoted}.`);
        expect(mail.text).not.toContain(`Hi ${TYPED}`);
        expect(mail.html).not.toContain('Hi &lt;script');
        expect(mail.html).toContain('“&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; co”');
      });
    else
      it('greets its recipient, a member of the tenant, by name', () => {
        expect(mail.text).toContain(`Hi ${TYPED},`);
      });

    it("is in the tenant's name and colour", () => {
      expect(mail.html).toContain('Acme &amp; Sons');
      expect(mail.html).toContain('#ff5500');
      expect(mail.text).toContain('Sent by Acme & Sons through Parley.');
    });

    it('names the tenant in its subject, unescaped (a header, not markup)', () => {
      expect(mail.subject).toContain('Acme & Sons');
    });

    if (LINKS[kind])
      it('carries its link opened from the seal, in both parts', () => {
        expect(mail.html).toContain(`href="${LINKS[kind].replace(/=/g, '&#x3D;')}"`);
        expect(mail.text).toContain(LINKS[kind]);
      });
  });

  it("signs a visitor's transcript lines with their name quoted and capped, and agents' as they are", () => {
    const request: NotificationRequest = {
      ...base,
      kind: 'conversation-transcript',
      reason: 'resolved',
      lines: [
        {
          from: 'Dear customer, your account is locked: call 555-0100 now',
          senderType: 'visitor',
          body: 'hi',
          at: '2026-03-01T09:30:00.000Z',
        },
        { from: 'Ada', senderType: 'agent', body: 'hello', at: '2026-03-01T09:31:00.000Z' },
      ],
    };
    const mail = renderer.render(request, branding, null);
    expect(mail.text).toContain(
      '“Dear customer, your account is locked:…” (1 Mar 2026, 09:30 UTC)',
    );
    expect(mail.text).toContain('Ada (1 Mar 2026, 09:31 UTC)');
    expect(mail.text).not.toContain('call 555-0100');
    expect(mail.html).not.toContain('call 555-0100');
  });

  it('links the files of a transcript line with their names and sizes, in both parts', () => {
    const url =
      'https://parley.test/api/chat/attachments/f-1/content?tenant=t&expires=1&signature=s';
    const request: NotificationRequest = {
      ...base,
      kind: 'conversation-transcript',
      reason: 'resolved',
      lines: [
        {
          from: 'Ada',
          senderType: 'agent',
          body: 'Your receipt',
          at: '2026-03-01T09:31:00.000Z',
          files: [{ name: 'receipt <1>.pdf', size: 2_400_000, url: sealed(url) }],
        },
      ],
    };
    const mail = renderer.render(request, branding, null);
    expect(mail.text).toContain(`File: receipt <1>.pdf (2.3 MB): ${url}`);
    const escaped = url.replace(/&/g, '&amp;').replace(/=/g, '&#x3D;');
    expect(mail.html).toContain(`href="${escaped}"`);
    expect(mail.html).toContain('receipt &lt;1&gt;.pdf');
  });

  it('asks a resolved conversation’s visitor for a rating with five one-click links, in both parts', () => {
    const url = 'https://parley.test/api/chat/csat?token=sealed-room-token';
    const request: NotificationRequest = {
      ...REQUESTS['conversation-transcript'],
      rateUrl: sealed(url),
    } as NotificationRequest;
    const mail = renderer.render(request, branding, null);
    expect(mail.text).toContain('How did we do?');
    for (const rating of [1, 2, 3, 4, 5]) {
      expect(mail.text).toContain(`${rating}: ${url}&rating=${rating}`);
      expect(mail.html).toContain(`&amp;rating&#x3D;${rating}"`);
    }
    const unrated = renderer.render(REQUESTS['conversation-transcript'], branding, null);
    expect(unrated.text).not.toContain('How did we do?');
    expect(unrated.html).not.toContain('rating');
  });

  it.each(VISITOR_KINDS)('keeps the visitor-typed name out of the %s subject', (kind) => {
    const mail = renderer.render(withName(REQUESTS[kind], 'Claim your prize'), branding, null);
    expect(mail.subject).not.toContain('prize');
    expect(mail.text).toContain('Name given in the chat: “Claim your prize”.');
  });

  it('greets a recipient who gave no name as "there"', () => {
    const mail = renderer.render(REQUESTS['password-reset'], branding, null);
    expect(mail.text.startsWith('Hi there,')).toBe(true);
  });

  it('turns a name with line breaks into a one-line subject', () => {
    const request = { ...REQUESTS['agent-reply'], agentName: 'Bob\r\nBcc: everyone@example.com' };
    const mail = renderer.render(request, branding, null);
    expect(mail.subject).toBe(
      'Bob Bcc: everyone@example.com replied to your conversation with Acme & Sons',
    );
  });

  it('offers the unsubscribe link in both parts when there is one, and none otherwise', () => {
    const url = 'https://parley.test/api/email/unsubscribe?token=abc';
    const withLink = renderer.render(REQUESTS['visitor-welcome'], branding, url);
    expect(withLink.html).toContain('Unsubscribe</a>');
    expect(withLink.text).toContain(`Unsubscribe from these emails: ${url}`);

    const without = renderer.render(REQUESTS['visitor-welcome'], branding, null);
    expect(without.html).not.toContain('Unsubscribe');
    expect(without.text).not.toContain('Unsubscribe');
  });

  it('dates transcript lines in UTC and says why the conversation closed', () => {
    const mail = renderer.render(REQUESTS['conversation-transcript'], branding, null);
    expect(mail.text).toContain('was resolved');
    expect(mail.text).toContain('(1 Mar 2026, 09:30 UTC)');
  });

  it('refuses a link sealed under another key', () => {
    const request = {
      ...REQUESTS['password-reset'],
      resetUrl: {
        sealed: seal(
          'https://evil.test',
          randomBytes(32).toString('base64url'),
          'notification-link',
        ),
      },
    };
    expect(() => renderer.render(request, branding, null)).toThrow();
  });

  it('refuses a link sealed under the same key for another purpose', () => {
    for (const purpose of ['unsubscribe', 'oidc-flow'] as const) {
      const request = {
        ...REQUESTS['password-reset'],
        resetUrl: { sealed: seal('https://evil.test', SEAL_KEY, purpose) },
      };
      expect(() => renderer.render(request, branding, null)).toThrow();
    }
  });
});
