import {
  kafkaFragment,
  mongoFragment,
  redisFragment,
  serviceFragment,
  tokenVerificationFragment,
} from '@app/config';
import { z } from 'zod';

export const chatConfigSchema = z.object({
  ...serviceFragment(3002),
  ...mongoFragment('parley_chat'),
  ...kafkaFragment('chat'),
  ...tokenVerificationFragment(),
  ...redisFragment(),
});

export type ChatConfig = z.infer<typeof chatConfigSchema>;
