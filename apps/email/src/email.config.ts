import {
  kafkaFragment,
  mongoFragment,
  serviceFragment,
  tokenVerificationFragment,
  smtpFragment,
} from '@app/config';
import { z } from 'zod';

export const emailConfigSchema = z.object({
  ...serviceFragment(3004),
  ...mongoFragment('parley_email'),
  ...kafkaFragment('email'),
  ...tokenVerificationFragment(),
  ...smtpFragment(),
});

export type EmailConfig = z.infer<typeof emailConfigSchema>;
