import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

export const emailField = z
  .email('a valid email address')
  .max(254)
  .transform((email) => email.toLowerCase());

/**
 * Long rather than clever (NIST 800-63B): at least 10 characters with a letter and something
 * else; at most 72 bytes, where bcrypt stops reading.
 */
export const passwordField = z
  .string()
  .min(10, 'at least 10 characters')
  // Implied by the byte limit; says it in the OpenAPI document, where the refinement cannot.
  .max(72, { message: 'at most 72 bytes', abort: true })
  .refine((password) => Buffer.byteLength(password, 'utf8') <= 72, 'at most 72 bytes')
  .refine(
    (password) => /\p{L}/u.test(password) && /[^\p{L}]/u.test(password),
    'needs a letter and a digit or symbol',
  )
  .describe('At least 10 characters, at most 72 bytes (UTF-8), a letter and a digit or symbol.');

export const personName = z.string().trim().min(1, 'required').max(120);

export class SignupDto extends createZodDto(
  z.strictObject({
    tenantName: z.string().trim().min(1, 'required').max(120),
    name: personName,
    email: emailField,
    password: passwordField,
  }),
) {}

export class LoginDto extends createZodDto(
  z.strictObject({ email: emailField, password: z.string().min(1, 'required').max(1024) }),
) {}

const refreshTokenField = z.string().min(10).max(200);

export class RefreshDto extends createZodDto(z.strictObject({ refreshToken: refreshTokenField })) {}

export class LogoutDto extends createZodDto(z.strictObject({ refreshToken: refreshTokenField })) {}

export class PasswordResetRequestDto extends createZodDto(z.strictObject({ email: emailField })) {}

export class VerifyEmailDto extends createZodDto(
  z.strictObject({ token: z.string().min(10).max(200) }),
) {}

export class ResendVerificationDto extends createZodDto(z.strictObject({ email: emailField })) {}

export class PasswordResetConfirmDto extends createZodDto(
  z.strictObject({ token: z.string().min(10).max(200), password: passwordField }),
) {}

export class AcceptInvitationDto extends createZodDto(
  z.strictObject({
    token: z.string().min(10).max(200),
    password: passwordField,
    name: personName.optional(),
  }),
) {}
