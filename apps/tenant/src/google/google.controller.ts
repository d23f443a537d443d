import { Public } from '@app/auth';
import { InjectConfig } from '@app/config';
import { Body, Controller, Get, HttpCode, Ip, Post, Query, Req, Res } from '@nestjs/common';
import { ApiResponse, ApiTags } from '@nestjs/swagger';
import { ApiAnswer, ApiErrors } from '@app/platform';
import { signedInAnswer } from '../auth/dto/auth.answers';
import { parse, serialize } from 'cookie';
import { type Request, type Response } from 'express';
import { type SignedIn } from '../auth/auth.service';
import { type TenantConfig } from '../tenant.config';
import { GoogleExchangeDto, GoogleStartQuery } from './dto/google.dto';
import { GoogleSignInService } from './google-sign-in.service';

const FLOW_COOKIE = 'parley_oidc_flow';
const COOKIE_PATH = '/api/tenant/auth/google';
const GOOGLE_UNAVAILABLE = {
  404: '`google_sign_in_disabled`: Google sign-in is not configured on this server.',
  503: '`identity_provider_unavailable`: the identity provider did not answer.',
};

@ApiTags('auth')
@Controller('auth/google')
export class GoogleController {
  constructor(
    private readonly google: GoogleSignInService,
    @InjectConfig() private readonly config: TenantConfig,
  ) {}

  /** Redirects to the identity provider; 404 when Google sign-in is not configured. */
  @Public()
  @ApiResponse({ status: 302, description: 'To the identity provider.' })
  @ApiErrors(GOOGLE_UNAVAILABLE)
  @Get()
  async start(@Query() query: GoogleStartQuery, @Res() response: Response): Promise<void> {
    const { url, flowCookie } = await this.google.start(query);
    response.setHeader(
      'Set-Cookie',
      serialize(FLOW_COOKIE, flowCookie, {
        httpOnly: true,
        sameSite: 'lax',
        secure: this.config.PUBLIC_URL.startsWith('https:'),
        path: COOKIE_PATH,
        maxAge: 600,
      }),
    );
    response.redirect(302, url);
  }

  /** The provider sends the browser back here; the dashboard gets a one-time code or an error. */
  @Public()
  @ApiResponse({ status: 302, description: 'To the dashboard, with `code` or `error`.' })
  @ApiErrors(GOOGLE_UNAVAILABLE)
  @Get('callback')
  async callback(
    @Req() request: Request,
    @Res() response: Response,
    @Ip() ip: string,
  ): Promise<void> {
    const flowCookie = parse(request.headers.cookie ?? '')[FLOW_COOKIE];
    const outcome = await this.google.callback(
      request.query as Record<string, string>,
      flowCookie,
      ip,
    );
    response.setHeader('Set-Cookie', serialize(FLOW_COOKIE, '', { path: COOKIE_PATH, maxAge: 0 }));
    const target = new URL(`${this.config.PUBLIC_URL}/app/auth/google`);
    if ('code' in outcome) target.searchParams.set('code', outcome.code);
    else target.searchParams.set('error', outcome.error);
    response.redirect(302, target.toString());
  }

  /** The dashboard trades the one-time code for the session tokens. */
  @Public()
  @ApiErrors({ 401: '`invalid_credentials`: the account cannot sign in.' })
  @ApiAnswer(200, signedInAnswer)
  @Post('exchange')
  @HttpCode(200)
  exchange(@Body() body: GoogleExchangeDto): Promise<SignedIn> {
    return this.google.exchange(body.code);
  }
}
