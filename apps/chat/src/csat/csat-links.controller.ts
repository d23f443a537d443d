import { Public } from '@app/auth';
import { CSAT_COMMENT_MAX, CSAT_RATINGS, type CsatRating, csatRatingSchema } from '@app/contracts';
import { AppHttpError, TooManyRequestsError } from '@app/platform';
import { forTenant } from '@app/tenancy';
import { Body, Controller, Get, Header, HttpCode, Post, Query, Res } from '@nestjs/common';
import { ApiConsumes, ApiProduces, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { type Response } from 'express';
import { z } from 'zod';
import { DirectoryRepository } from '../directory/directory.repository';
import { CsatLinks } from './csat-links';
import { csatPage } from './csat-page';
import { CsatService } from './csat.service';

const HTML_PAGE = { 'text/html': { schema: { type: 'string' } } };

const ratingParam = z.coerce.number().pipe(csatRatingSchema);
const commentParam = z.string().max(CSAT_COMMENT_MAX).optional();

/**
 * The five rating links of a transcript email. True one-click: opening `?token=&rating=N`
 * records N and answers a thank-you page whose form changes the rating or adds a comment (a
 * later rating replaces the first, so a mail scanner's visit is undone by the visitor's own).
 */
@ApiTags('csat')
@ApiProduces('text/html')
@ApiQuery({ name: 'token', required: true, description: 'The sealed token of the mail’s links.' })
@ApiResponse({
  status: 400,
  description:
    'An HTML page: the link is incomplete, changed or expired, or the rating is not 1–5.',
  content: HTML_PAGE,
})
@ApiResponse({
  status: 409,
  description: 'An HTML page: the conversation was not closed as resolved.',
  content: HTML_PAGE,
})
@ApiResponse({
  status: 429,
  description: 'An HTML page: the conversation was rated 10 times in 10 minutes (`Retry-After`).',
  content: HTML_PAGE,
})
@Public()
@Controller('csat')
export class CsatLinksController {
  constructor(
    private readonly links: CsatLinks,
    private readonly csat: CsatService,
    private readonly directory: DirectoryRepository,
  ) {}

  @ApiQuery({ name: 'rating', required: true, description: '1 (very unhappy) to 5 (very happy).' })
  @ApiResponse({ status: 200, description: 'An HTML page: rating recorded.', content: HTML_PAGE })
  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header(
    'Content-Security-Policy',
    "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'",
  )
  @Header('Cache-Control', 'no-store')
  rateFromLink(
    @Query('token') token: unknown,
    @Query('rating') rating: unknown,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.record(res, token, { rating });
  }

  @ApiConsumes('application/x-www-form-urlencoded')
  @ApiResponse({ status: 200, description: 'An HTML page: rating recorded.', content: HTML_PAGE })
  @Post()
  @HttpCode(200)
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header(
    'Content-Security-Policy',
    "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'",
  )
  @Header('Cache-Control', 'no-store')
  rateFromForm(
    @Query('token') token: unknown,
    @Body() body: unknown,
    @Res({ passthrough: true }) res: Response,
  ) {
    const form = (body ?? {}) as { rating?: unknown; comment?: unknown };
    return this.record(res, token, form);
  }

  private async record(
    res: Response,
    token: unknown,
    form: { rating?: unknown; comment?: unknown },
  ): Promise<string> {
    const subject = typeof token === 'string' ? this.links.open(token) : null;
    if (!subject)
      return this.problem(
        res,
        400,
        'This link does not work',
        'The rating link is incomplete, was changed or has expired. Use the link from the email.',
      );
    const rating = ratingParam.safeParse(form.rating);
    if (!rating.success)
      return this.problem(
        res,
        400,
        'This rating does not work',
        '`rating` must be a whole number from 1 to 5.',
      );
    const comment = commentParam.safeParse(
      typeof form.comment === 'string' && form.comment.length > 0 ? form.comment : undefined,
    );
    if (!comment.success)
      return this.problem(
        res,
        400,
        'This comment is too long',
        `\`comment\` may have at most ${CSAT_COMMENT_MAX} characters.`,
      );
    return forTenant(subject.tenantId, 'a sealed rating link names its tenant', async () => {
      const tenantName = await this.directory.tenantName(subject.tenantId);
      try {
        const csat = await this.csat.rate(
          subject.roomId,
          { rating: rating.data, comment: comment.data ?? null },
          'email',
        );
        return csatPage({
          title: 'Thank you for your rating',
          message: `You rated your conversation with ${tenantName} ${csat.rating} out of 5. You can change it, or tell us more:`,
          token,
          ratings: ratingChoices(csat.rating),
          comment: csat.comment ?? '',
          commentMax: CSAT_COMMENT_MAX,
        });
      } catch (error) {
        if (!(error instanceof AppHttpError)) throw error;
        const status = error.getStatus();
        if (error instanceof TooManyRequestsError) {
          res.setHeader('Retry-After', String(error.retryAfterSeconds));
          return this.problem(
            res,
            429,
            'Too many ratings',
            'This conversation was rated many times in the last minutes. Try again later.',
          );
        }
        return status === 409
          ? this.problem(
              res,
              409,
              'This conversation cannot be rated',
              'Only a conversation closed as resolved can be rated.',
            )
          : this.problem(res, status, 'This link does not work', 'The conversation is gone.');
      }
    });
  }

  private problem(res: Response, status: number, title: string, message: string): string {
    res.status(status);
    return csatPage({ title, message });
  }
}

function ratingChoices(chosen: CsatRating) {
  return CSAT_RATINGS.map((value) => ({ value, checked: value === chosen }));
}
