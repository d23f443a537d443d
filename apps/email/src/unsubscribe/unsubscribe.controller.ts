import { Public } from '@app/auth';
import { forTenant } from '@app/tenancy';
import { Controller, Get, Header, HttpCode, Post, Query, Res } from '@nestjs/common';
import { ApiProduces, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { type Response } from 'express';
import Handlebars from 'handlebars';
import { SuppressionsService, type UnsubscribeSubject } from '../suppressions/suppressions.service';
import { TenantBrandingRepository } from '../tenants/tenant-branding.repository';

const KIND_NAMES: Record<string, string> = {
  'visitor-welcome': 'conversation welcome emails',
  'agent-reply': 'emails about replies to your conversations',
  'offline-message-received': 'confirmations of the messages you leave',
  'conversation-transcript': 'conversation transcripts',
};

const HTML_PAGE = { 'text/html': { schema: { type: 'string' } } };

/** One small page for every answer; everything in it is escaped. */
const page = Handlebars.compile(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>{{title}}</title>
<style>body{font-family:-apple-system,'Segoe UI',Helvetica,Arial,sans-serif;background:#f3f4f6;color:#1f2937;display:flex;justify-content:center;padding:48px 16px}
main{background:#fff;border-radius:8px;padding:32px;max-width:480px}button{background:{{color}};color:#fff;border:0;border-radius:6px;padding:10px 18px;font-size:15px;cursor:pointer}</style>
</head><body><main><h1>{{title}}</h1><p>{{message}}</p>
{{#if token}}<form method="post" action="?token={{token}}"><button type="submit">Unsubscribe</button></form>{{/if}}
</main></body></html>`);

/**
 * The link at the bottom of every mail to a visitor. Opening it asks for a click (mail scanners
 * open links by themselves); the click, or a mail client's one-click unsubscribe (RFC 8058,
 * `List-Unsubscribe-Post`), stops that kind of mail from that tenant to that address.
 */
@ApiTags('unsubscribe')
@ApiProduces('text/html')
@ApiQuery({ name: 'token', required: false, description: 'The sealed token of the mail’s link.' })
@ApiResponse({
  status: 400,
  description: 'An HTML page: the link is incomplete or was changed.',
  content: HTML_PAGE,
})
@Public()
@Controller('unsubscribe')
export class UnsubscribeController {
  constructor(
    private readonly suppressions: SuppressionsService,
    private readonly branding: TenantBrandingRepository,
  ) {}

  @ApiResponse({ status: 200, description: 'An HTML page asking to confirm.', content: HTML_PAGE })
  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  async ask(@Query('token') token: string | undefined, @Res({ passthrough: true }) res: Response) {
    const subject = this.suppressions.verify(String(token ?? ''));
    if (!subject) return this.invalid(res);
    const { name, brandColor } = await this.branding.of(subject.tenantId, 'this company');
    return page({
      title: 'Unsubscribe?',
      message: `Stop ${describe(subject)} from ${name} to ${subject.address}?`,
      token,
      color: brandColor,
    });
  }

  @ApiResponse({ status: 200, description: 'An HTML page: unsubscribed.', content: HTML_PAGE })
  @Post()
  @HttpCode(200)
  @Header('Content-Type', 'text/html; charset=utf-8')
  async unsubscribe(
    @Query('token') token: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    const subject = this.suppressions.verify(String(token ?? ''));
    if (!subject) return this.invalid(res);
    await forTenant(subject.tenantId, 'a sealed unsubscribe link names its tenant', () =>
      this.suppressions.suppress(subject, 'unsubscribed'),
    );
    const { name, brandColor } = await this.branding.of(subject.tenantId, 'this company');
    return page({
      title: 'You are unsubscribed',
      message: `${subject.address} will get no more ${describe(subject)} from ${name}.`,
      color: brandColor,
    });
  }

  private invalid(res: Response) {
    res.status(400);
    return page({
      title: 'This link does not work',
      message: 'The unsubscribe link is incomplete or was changed. Use the link from the email.',
      color: '#2563eb',
    });
  }
}

const describe = (subject: UnsubscribeSubject) => KIND_NAMES[subject.kind] ?? 'these emails';
