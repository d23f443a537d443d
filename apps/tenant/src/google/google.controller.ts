import { Public } from '@app/auth';
import { InjectConfig } from '@app/config';
import { Body, Controller, Get, HttpCode, Ip, Post, Query, Req, Res } from '@nestjs/common';
import { ApiResponse, ApiTags } from '@nestjs/swagger';
import { ApiAnswer, ApiErrors } from '@app/platform';
import { signedInAnswer } from '../auth/dto/auth.answers';
import { googleStartAnswer } from './dto/google.answers';
import { parse, serialize } from 'cookie';
import { type Request, type Response } from 'express';
import { type SignedIn } from '../auth/auth.service';
import { type TenantConfig } from '../tenant.config';
import {
  GoogleExchangeDto,
  GoogleLinkDto,
  GoogleStartDto,
  GoogleStartQuery,
} from './dto/google.dto';
import { GoogleSignInService } from './google-sign-in.service';

const FLOW_COOKIE = 'parley_oidc_flow';
/** Set by the callback; the exchange and link calls work only with it (login CSRF). */
const BINDING_COOKIE = 'parley_oidc_binding';
const COOKIE_PATH = '/api/tenant/auth/google';
const OTHER_BROWSER = {
  403: '`browser_mismatch`: the sign-in was finished in another browser (login CSRF).',
};
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
    response.setHeader('Set-Cookie', this.cookie(FLOW_COOKIE, flowCookie, 600, 'lax'));
    response.redirect(302, url);
  }

  /**
   * The same start for a page that holds a secret to pass along (an invitation): answers the
   * provider's URL for the page to open, with the flow cookie set.
   */
  @Public()
  @ApiErrors(GOOGLE_UNAVAILABLE)
  @ApiAnswer(200, googleStartAnswer)
  @Post('start')
  @HttpCode(200)
  async startWith(
    @Body() body: GoogleStartDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<{ url: string }> {
    const { url, flowCookie } = await this.google.start(body);
    response.setHeader('Set-Cookie', this.cookie(FLOW_COOKIE, flowCookie, 600, 'lax'));
    return { url };
  }

  /**
   * The provider sends the browser back here; the dashboard gets a one-time code (or a link
   * code) in the fragment, out of every access log, or an error.
   */
  @Public()
  @ApiResponse({
    status: 302,
    description: 'To the dashboard, with `#code=` or `#link=` in the fragment, or `?error=`.',
  })
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
    const cookies = [serialize(FLOW_COOKIE, '', { path: COOKIE_PATH, maxAge: 0 })];
    const target = new URL(`${this.config.PUBLIC_URL}/app/auth/google`);
    if ('error' in outcome) target.searchParams.set('error', outcome.error);
    else {
      cookies.push(this.cookie(BINDING_COOKIE, outcome.binding, 600, 'strict'));
      const [name, code] = 'code' in outcome ? ['code', outcome.code] : ['link', outcome.link];
      target.hash = new URLSearchParams({ [name]: code }).toString();
    }
    response.setHeader('Set-Cookie', cookies);
    response.redirect(302, target.toString());
  }

  /** The dashboard trades the one-time code for the session tokens, in the same browser. */
  @Public()
  @ApiErrors({ 401: '`invalid_credentials`: the account cannot sign in.', ...OTHER_BROWSER })
  @ApiAnswer(200, signedInAnswer)
  @Post('exchange')
  @HttpCode(200)
  exchange(@Body() body: GoogleExchangeDto, @Req() request: Request): Promise<SignedIn> {
    return this.google.exchange(body.code, parse(request.headers.cookie ?? '')[BINDING_COOKIE]);
  }

  /** Links Google to the password account of its address, with that account's password. */
  @Public()
  @ApiErrors({ 401: '`invalid_credentials`: the password is wrong.', ...OTHER_BROWSER })
  @ApiAnswer(200, signedInAnswer)
  @Post('link')
  @HttpCode(200)
  link(@Body() body: GoogleLinkDto, @Req() request: Request, @Ip() ip: string): Promise<SignedIn> {
    const binding = parse(request.headers.cookie ?? '')[BINDING_COOKIE];
    return this.google.link(body.code, body.password, binding, ip);
  }

  private cookie(name: string, value: string, maxAge: number, sameSite: 'lax' | 'strict') {
    return serialize(name, value, {
      httpOnly: true,
      sameSite,
      secure: this.config.PUBLIC_URL.startsWith('https:'),
      path: COOKIE_PATH,
      maxAge,
    });
  }
}
