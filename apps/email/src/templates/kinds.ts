import { type NotificationKind } from '@app/contracts';

export interface KindTemplates {
  /** Plain text: Handlebars without HTML escaping (a mail header, not markup). */
  subject: string;
  /** The body inside the layout: Handlebars, everything escaped. */
  html: string;
  /** The plain-text part: Handlebars without HTML escaping. */
  text: string;
}

const button = (label: string, url: string) =>
  `<p><a href="{{${url}}}" style="{{buttonStyle}};background:{{brandColor}}">${label}</a></p>`;

const quote = (field: string) =>
  `<div style="white-space:pre-wrap;border-left:3px solid {{brandColor}};padding:4px 12px;margin:12px 0;color:#374151">{{${field}}}</div>`;

/**
 * Mail to a website's visitor greets nobody by name: the name was typed by whoever opened the
 * widget, so it appears only as a quoted, capped value (see quotedVisitorName).
 */
export const VISITOR_PARTIALS = {
  visitorNameGiven: '{{#if visitorName}} Name given in the chat: {{visitorName}}.{{/if}}',
  notYou:
    'If you did not start this conversation, someone typed your address into a chat on their site: ignore this email.',
};

/** The ten kinds of mail, each a subject, an HTML body and a plain-text body. */
export const KIND_TEMPLATES: Record<NotificationKind, KindTemplates> = {
  'visitor-welcome': {
    subject: 'Your conversation with {{tenantName}}',
    html: `<p>Hello,</p>
<p>Thanks for reaching out to {{tenantName}} through {{chatbotName}}.{{> visitorNameGiven}} A live agent will join the chat shortly.</p>
<p>If you leave the page, this link brings you back to the conversation:</p>
${button('Open the conversation', 'conversationUrl')}
<p style="font-size:13px;color:#6b7280">{{> notYou}}</p>`,
    text: `Hello,

Thanks for reaching out to {{tenantName}} through {{chatbotName}}.{{> visitorNameGiven}} A live agent will join the chat shortly.

If you leave the page, this link brings you back to the conversation:
{{conversationUrl}}
{{> notYou}}
{{> textFooter}}`,
  },
  'agent-reply': {
    subject: '{{agentName}} replied to your conversation with {{tenantName}}',
    html: `<p>Hello,</p>
<p>{{agentName}} from {{tenantName}} answered while you were away:</p>
${quote('reply')}
${button('Continue the conversation', 'conversationUrl')}
<p style="font-size:13px;color:#6b7280">{{> visitorNameGiven}}</p>`,
    text: `Hello,

{{agentName}} from {{tenantName}} answered while you were away:

{{reply}}

Continue the conversation: {{conversationUrl}}
{{> visitorNameGiven}}
{{> textFooter}}`,
  },
  'offline-message-received': {
    subject: 'We received your message to {{tenantName}}',
    html: `<p>Hello,</p>
<p>Thanks for writing to {{tenantName}} through {{chatbotName}}.{{> visitorNameGiven}} Nobody could answer live just now; an agent will reply to this address. Your message:</p>
${quote('message')}
${button('Open the conversation', 'conversationUrl')}
<p style="font-size:13px;color:#6b7280">{{> notYou}}</p>`,
    text: `Hello,

Thanks for writing to {{tenantName}} through {{chatbotName}}.{{> visitorNameGiven}} Nobody could answer live just now; an agent will reply to this address. Your message:

{{message}}

Open the conversation: {{conversationUrl}}
{{> notYou}}
{{> textFooter}}`,
  },
  'conversation-transcript': {
    subject: 'Transcript of your conversation with {{tenantName}}',
    html: `<p>Hello,</p>
<p>Your conversation with {{tenantName}} {{closedBecause}}.{{> visitorNameGiven}} Here is what was said:</p>
<table role="presentation" cellpadding="0" cellspacing="0" style="width:100%;border-collapse:collapse">
{{#each lines}}
  <tr>
    <td style="padding:8px 0;border-bottom:1px solid #e5e7eb;vertical-align:top">
      <div style="font-size:12px;color:#6b7280">{{from}} · {{at}}</div>
      <div style="white-space:pre-wrap">{{body}}</div>
      {{#each files}}
      <div style="font-size:13px;margin-top:4px">📎 <a href="{{url}}">{{name}}</a> <span style="color:#6b7280">({{size}})</span></div>
      {{/each}}
    </td>
  </tr>
{{/each}}
</table>
{{#if rateLinks}}
<p style="margin-top:20px">How did we do? Rate this conversation, from 1 (very unhappy) to 5 (very happy):</p>
<p>{{#each rateLinks}}<a href="{{url}}" style="display:inline-block;min-width:36px;margin-right:6px;padding:8px 0;text-align:center;border:1px solid {{../brandColor}};border-radius:6px;color:{{../brandColor}};text-decoration:none;font-weight:600">{{rating}}</a>{{/each}}</p>
{{/if}}`,
    text: `Hello,

Your conversation with {{tenantName}} {{closedBecause}}.{{> visitorNameGiven}} Here is what was said:
{{#each lines}}

{{from}} ({{at}}):
{{body}}
{{#each files}}
File: {{name}} ({{size}}): {{url}}
{{/each}}
{{/each}}
{{#if rateLinks}}

How did we do? Rate this conversation, from 1 (very unhappy) to 5 (very happy):
{{#each rateLinks}}
{{rating}}: {{url}}
{{/each}}
{{/if}}
{{> textFooter}}`,
  },
  'password-reset': {
    subject: 'Reset your password for {{tenantName}} on Parley',
    html: `<p>Hi {{recipientName}},</p>
<p>Someone asked to reset the password of your {{tenantName}} account. If it was you, choose a new password:</p>
${button('Choose a new password', 'resetUrl')}
<p style="font-size:13px;color:#6b7280">The link works once, until {{expiresAt}}. If you did not ask for this, ignore this email: your password stays as it is.</p>`,
    text: `Hi {{recipientName}},

Someone asked to reset the password of your {{tenantName}} account. If it was you, choose a new password:
{{resetUrl}}

The link works once, until {{expiresAt}}. If you did not ask for this, ignore this email: your password stays as it is.
{{> textFooter}}`,
  },
  'agent-invite': {
    subject: '{{inviterName}} invited you to {{tenantName}} on Parley',
    html: `<p>Hi {{recipientName}},</p>
<p>{{inviterName}} invited you to answer {{tenantName}}'s visitors on Parley.</p>
${button('Accept the invitation', 'acceptUrl')}
<p style="font-size:13px;color:#6b7280">The invitation is valid until {{expiresAt}}.</p>`,
    text: `Hi {{recipientName}},

{{inviterName}} invited you to answer {{tenantName}}'s visitors on Parley.

Accept the invitation: {{acceptUrl}}

The invitation is valid until {{expiresAt}}.
{{> textFooter}}`,
  },
  'email-verification': {
    subject: 'Confirm your email to start {{tenantName}} on Parley',
    html: `<p>Hi {{recipientName}},</p>
<p>Someone created the Parley workspace {{tenantName}} with this address. If it was you, confirm the address to start using it:</p>
${button('Confirm my email', 'verifyUrl')}
<p style="font-size:13px;color:#6b7280">The link works once, until {{expiresAt}}. If it was not you, ignore this email: nothing is set up in your name until the address is confirmed.</p>`,
    text: `Hi {{recipientName}},

Someone created the Parley workspace {{tenantName}} with this address. If it was you, confirm the address to start using it:
{{verifyUrl}}

The link works once, until {{expiresAt}}. If it was not you, ignore this email: nothing is set up in your name until the address is confirmed.
{{> textFooter}}`,
  },
  'usage-report': {
    subject: '{{tenantName}} on Parley: your report for {{day}}',
    html: `<p>Hi {{recipientName}},</p>
<p>Here is how {{day}} went for {{tenantName}}:</p>
<table role="presentation" cellpadding="0" cellspacing="0" style="width:100%;border-collapse:collapse">
{{#each figures}}
  <tr>
    <td style="padding:6px 0;border-bottom:1px solid #e5e7eb">{{label}}</td>
    <td style="padding:6px 0;border-bottom:1px solid #e5e7eb;text-align:right;font-weight:600">{{value}}</td>
  </tr>
{{/each}}
</table>
${button('Open the dashboard', 'dashboardUrl')}`,
    text: `Hi {{recipientName}},

Here is how {{day}} went for {{tenantName}}:
{{#each figures}}
- {{label}}: {{value}}
{{/each}}

Open the dashboard: {{dashboardUrl}}
{{> textFooter}}`,
  },
  'sla-breached': {
    subject: '{{tenantName}}: conversation #{{displayId}} missed its {{target}} target',
    html: `<p>Hi {{recipientName}},</p>
<p>Conversation #{{displayId}} ({{priority}} priority) was due a {{target}} by {{dueAt}} and did not get it in time. {{escalation}}</p>
${button('Open the inbox', 'dashboardUrl')}`,
    text: `Hi {{recipientName}},

Conversation #{{displayId}} ({{priority}} priority) was due a {{target}} by {{dueAt}} and did not get it in time. {{escalation}}

Open the inbox: {{dashboardUrl}}
{{> textFooter}}`,
  },
  'webhook-disabled': {
    subject: '{{tenantName}}: a webhook endpoint was disabled',
    html: `<p>Hi {{recipientName}},</p>
<p>Every delivery to the webhook endpoint <strong>{{endpointUrl}}</strong> has failed since {{failingSince}} (last: {{lastError}}), so Parley disabled it. Events are no longer sent to it.</p>
<p>Fix the receiver, then enable the endpoint again and replay the failed deliveries from its delivery log.</p>
${button('Open the webhooks', 'dashboardUrl')}`,
    text: `Hi {{recipientName}},

Every delivery to the webhook endpoint {{endpointUrl}} has failed since {{failingSince}} (last: {{lastError}}), so Parley disabled it. Events are no longer sent to it.

Fix the receiver, then enable the endpoint again and replay the failed deliveries from its delivery log.

Open the webhooks: {{dashboardUrl}}
{{> textFooter}}`,
  },
};

export const TEXT_FOOTER = `
--
Sent by {{tenantName}} through Parley.{{#if unsubscribeUrl}}
Unsubscribe from these emails: {{unsubscribeUrl}}{{/if}}`;
