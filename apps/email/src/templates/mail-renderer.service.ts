import { unseal } from '@app/auth';
import { InjectConfig } from '@app/config';
import { CSAT_RATINGS, type NotificationKind, type NotificationRequest } from '@app/contracts';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import Handlebars from 'handlebars';
import mjml2html from 'mjml';
import { type EmailConfig } from '../email.config';
import { type Branding } from '../tenants/tenant-branding.repository';
import { KIND_TEMPLATES, TEXT_FOOTER, VISITOR_PARTIALS } from './kinds';
import { BRAND_COLOR_SLOT, BUTTON_STYLE, LAYOUT_MJML } from './layout';
import { quotedVisitorName } from './visitor-name';

export interface RenderedMail {
  subject: string;
  html: string;
  text: string;
}

interface CompiledKind {
  subject: HandlebarsTemplateDelegate;
  html: HandlebarsTemplateDelegate;
  text: HandlebarsTemplateDelegate;
}

const CLOSED_BECAUSE: Record<string, string> = {
  resolved: 'was resolved',
  abandoned: 'ended after you left',
  stale: 'was closed after a long silence',
  blocked: 'was closed',
};

const dateTime = new Intl.DateTimeFormat('en-GB', {
  dateStyle: 'medium',
  timeStyle: 'short',
  timeZone: 'UTC',
});
const formatDate = (iso: string) => `${dateTime.format(new Date(iso))} UTC`;

/** A file's size for people: 512 B, 14 KB, 2.3 MB. */
const formatSize = (bytes: number): string => {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
};

/**
 * Turns a notification into its subject, HTML and plain-text parts. Everything a user typed
 * (names, messages) goes through Handlebars' HTML escaping in the HTML part; one-time links are
 * unsealed here, only in memory, right before sending.
 */
@Injectable()
export class MailRendererService implements OnModuleInit {
  private readonly html = Handlebars.create();
  private readonly plain = Handlebars.create();
  private layout!: HandlebarsTemplateDelegate;
  private readonly kinds: Record<NotificationKind, CompiledKind>;

  constructor(@InjectConfig() private readonly config: EmailConfig) {
    this.plain.registerPartial('textFooter', TEXT_FOOTER);
    for (const engine of [this.html, this.plain])
      for (const [name, partial] of Object.entries(VISITOR_PARTIALS))
        engine.registerPartial(name, partial);
    this.kinds = Object.fromEntries(
      Object.entries(KIND_TEMPLATES).map(([kind, templates]) => [
        kind,
        {
          subject: this.plain.compile(templates.subject, { noEscape: true }),
          html: this.html.compile(templates.html),
          text: this.plain.compile(templates.text, { noEscape: true }),
        },
      ]),
    ) as Record<NotificationKind, CompiledKind>;
  }

  async onModuleInit(): Promise<void> {
    const { html, errors } = await mjml2html(LAYOUT_MJML, { validationLevel: 'strict' });
    if (errors.length > 0) throw new Error(`email layout: ${errors[0].formattedMessage}`);
    this.layout = this.html.compile(html.replaceAll(BRAND_COLOR_SLOT, '{{brandColor}}'));
  }

  render(
    request: NotificationRequest,
    branding: Branding,
    unsubscribeUrl: string | null,
  ): RenderedMail {
    const view = {
      ...this.fieldsOf(request),
      tenantName: branding.name,
      brandColor: branding.brandColor,
      recipientName: request.to.name?.trim() || 'there',
      visitorName: quotedVisitorName(request.to.name),
      unsubscribeUrl,
      buttonStyle: BUTTON_STYLE,
    };
    const compiled = this.kinds[request.kind];
    const subject = oneLine(compiled.subject(view));
    const bodyHtml = compiled.html(view);
    return {
      subject,
      html: this.layout({ ...view, subject, preview: subject, bodyHtml }),
      text: compiled.text(view),
    };
  }

  /** What each kind's templates use, from its request. */
  private fieldsOf(request: NotificationRequest): Record<string, unknown> {
    const open = (link: { sealed: string }) =>
      unseal(link.sealed, this.config.NOTIFICATION_SEAL_KEY, 'notification-link');
    switch (request.kind) {
      case 'visitor-welcome':
        return {
          chatbotName: request.chatbotName,
          conversationUrl: open(request.conversationUrl),
        };
      case 'agent-reply':
        return {
          agentName: request.agentName,
          reply: request.reply,
          conversationUrl: open(request.conversationUrl),
        };
      case 'offline-message-received':
        return {
          chatbotName: request.chatbotName,
          message: request.message,
          conversationUrl: open(request.conversationUrl),
        };
      case 'conversation-transcript':
        return {
          closedBecause: CLOSED_BECAUSE[request.reason],
          lines: request.lines.map((line) => ({
            ...line,
            // The visitor's lines are signed with the name they typed: a value, not a signature.
            from:
              line.senderType === 'visitor'
                ? (quotedVisitorName(line.from) ?? 'Visitor')
                : line.from,
            at: formatDate(line.at),
            files: (line.files ?? []).map((file) => ({
              name: file.name,
              size: formatSize(file.size),
              url: open(file.url),
            })),
          })),
          rateLinks: request.rateUrl ? rateLinks(open(request.rateUrl)) : null,
        };
      case 'password-reset':
        return { resetUrl: open(request.resetUrl), expiresAt: formatDate(request.expiresAt) };
      case 'agent-invite':
        return {
          inviterName: request.inviterName,
          acceptUrl: open(request.acceptUrl),
          expiresAt: formatDate(request.expiresAt),
        };
      case 'email-verification':
        return { verifyUrl: open(request.verifyUrl), expiresAt: formatDate(request.expiresAt) };
      case 'usage-report':
        return { day: request.day, figures: request.figures, dashboardUrl: request.dashboardUrl };
      case 'sla-breached':
        return {
          displayId: request.displayId,
          target: request.breach === 'first_response' ? 'first response' : 'resolution',
          dueAt: formatDate(request.dueAt),
          priority: request.priority,
          escalation: SLA_ESCALATION_DONE[request.escalation] ?? request.escalation,
          dashboardUrl: request.dashboardUrl,
        };
      case 'webhook-disabled':
        return {
          endpointUrl: request.endpointUrl,
          failingSince: formatDate(request.failingSince),
          lastError: request.lastError,
          dashboardUrl: request.dashboardUrl,
        };
    }
  }
}

/** What the escalation did, as the mail says it. */
const SLA_ESCALATION_DONE: Record<string, string> = {
  none: 'Nothing was changed.',
  'raise-priority': 'Its priority was raised.',
  reassign: 'It was reassigned as the policy says.',
  'requeue-front': 'It was returned to the front of its queue.',
};

/** One link per rating, 1 to 5: opening one records it (see chat's csat links). */
function rateLinks(url: string): Array<{ rating: number; url: string }> {
  return CSAT_RATINGS.map((rating) => ({ rating, url: `${url}&rating=${rating}` }));
}

/** A subject is one header line, whatever a name in it contained. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim().slice(0, 250);
}
