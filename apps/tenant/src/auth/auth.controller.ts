import {
  Authenticated,
  CurrentPrincipal,
  NotForApiTokens,
  type Principal,
  Public,
} from '@app/auth';
import { Body, Controller, Get, HttpCode, Ip, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ApiAnswer, ApiErrors } from '@app/platform';
import { TenantsService } from '../tenants/tenants.service';
import { AccountsService } from '../users/accounts.service';
import { type SignedIn, type SignUpStarted, AuthService } from './auth.service';
import {
  AcceptInvitationDto,
  LoginDto,
  LogoutDto,
  PasswordResetConfirmDto,
  PasswordResetRequestDto,
  RefreshDto,
  ResendVerificationDto,
  SignupDto,
  VerifyEmailDto,
} from './dto/auth.dto';
import {
  meAnswer,
  passwordResetAnswer,
  signedInAnswer,
  signUpStartedAnswer,
  tokenPairAnswer,
} from './dto/auth.answers';

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly accounts: AccountsService,
    private readonly tenants: TenantsService,
  ) {}

  /** Creates the workspace and emails its admin a link; sign-in works once the link is used. */
  @Public()
  @ApiErrors({ 409: '`email_taken`: the email already has an account.' })
  @ApiAnswer(201, signUpStartedAnswer)
  @Post('auth/signup')
  signup(@Body() body: SignupDto, @Ip() ip: string): Promise<SignUpStarted> {
    return this.auth.signup(body, ip);
  }

  /** The emailed link's token: the address is proven, the account active and signed in. */
  @Public()
  @ApiErrors({ 409: '`email_taken`: another account proved the address first.' })
  @ApiAnswer(200, signedInAnswer)
  @Post('auth/verify-email')
  @HttpCode(200)
  verifyEmail(@Body() body: VerifyEmailDto, @Ip() ip: string): Promise<SignedIn> {
    return this.auth.verifyEmail(body.token, ip);
  }

  @Public()
  @ApiAnswer(202, passwordResetAnswer)
  @Post('auth/verify-email/resend')
  @HttpCode(202)
  async resendVerification(
    @Body() body: ResendVerificationDto,
    @Ip() ip: string,
  ): Promise<{ status: string }> {
    await this.auth.resendVerification(body.email, ip);
    return { status: 'if a sign-up with this email is waiting, a new link is on its way' };
  }

  @Public()
  @ApiErrors({
    401: '`invalid_credentials`: the email or the password is wrong.',
    403: '`email_not_verified`: the right password of a sign-up whose emailed link was not followed yet.',
  })
  @ApiAnswer(200, signedInAnswer)
  @Post('auth/login')
  @HttpCode(200)
  login(@Body() body: LoginDto, @Ip() ip: string): Promise<SignedIn> {
    return this.auth.login(body, ip);
  }

  @Public()
  @ApiErrors({ 401: 'The refresh token is invalid, expired, or was used already.' })
  @ApiAnswer(200, tokenPairAnswer)
  @Post('auth/refresh')
  @HttpCode(200)
  refresh(@Body() body: RefreshDto, @Ip() ip: string) {
    return this.auth.refresh(body.refreshToken, ip);
  }

  @Public()
  @Post('auth/logout')
  @HttpCode(204)
  async logout(@Body() body: LogoutDto): Promise<void> {
    await this.auth.logout(body.refreshToken);
  }

  @Authenticated()
  @NotForApiTokens()
  @Post('auth/logout-everywhere')
  @HttpCode(204)
  async logoutEverywhere(@CurrentPrincipal() principal: Principal): Promise<void> {
    await this.accounts.revokeSessions(principal.userId, 'logout-everywhere');
  }

  @Public()
  @ApiAnswer(202, passwordResetAnswer)
  @Post('auth/password-reset')
  @HttpCode(202)
  async requestPasswordReset(
    @Body() body: PasswordResetRequestDto,
    @Ip() ip: string,
  ): Promise<{ status: string }> {
    await this.auth.requestPasswordReset(body.email, ip);
    return { status: 'if this email has an account, a reset link is on its way' };
  }

  @Public()
  @Post('auth/password-reset/confirm')
  @HttpCode(204)
  async confirmPasswordReset(@Body() body: PasswordResetConfirmDto): Promise<void> {
    await this.auth.confirmPasswordReset(body.token, body.password);
  }

  @Public()
  @ApiErrors({ 409: '`email_taken`: the email has an account already.' })
  @ApiAnswer(200, signedInAnswer)
  @Post('auth/invitations/accept')
  @HttpCode(200)
  acceptInvitation(@Body() body: AcceptInvitationDto, @Ip() ip: string): Promise<SignedIn> {
    return this.auth.acceptInvitation(body, ip);
  }

  @Authenticated()
  @NotForApiTokens()
  @ApiAnswer(200, meAnswer)
  @Get('me')
  async me(@CurrentPrincipal() principal: Principal) {
    const tenant = await this.tenants.get(principal.tenantId);
    return {
      user: {
        id: principal.userId,
        email: principal.email,
        name: principal.name,
        roles: principal.roles,
        permissions: principal.permissions,
      },
      tenant: { id: tenant.id, name: tenant.name },
    };
  }
}
