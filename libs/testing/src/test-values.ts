import { uniqueSuffix } from './test-service';

/** A random client address per call, so tests do not share rate-limit counters. */
export const someIp = (): string =>
  `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;

export const uniqueEmail = (who = 'admin'): string => `${who}-${uniqueSuffix()}@example.test`;

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
