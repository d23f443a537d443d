import { closeRawProducer, startTestService, type TestService, uniqueSuffix } from '@app/testing';
import request from 'supertest';
import { type TenantConfig } from '../src/tenant.config';
import { tenantService } from '../src/tenant.service-definition';

export interface SignedUp {
  accessToken: string;
  refreshToken: string;
  user: { id: string; email: string; name: string; roles: string[] };
  tenant: { id: string; name: string };
  password: string;
}

/** A random client address per call, so tests do not share rate-limit counters. */
export const someIp = (): string =>
  `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;

export const uniqueEmail = (who = 'admin'): string => `${who}-${uniqueSuffix()}@example.test`;

/** The tenant service started for real, with helpers that speak its HTTP API. */
export class TenantFixture {
  private constructor(readonly service: TestService<TenantConfig>) {}

  /** `overrides` are environment variables (e.g. `PORT` to know the URL in advance). */
  static async start(overrides: Record<string, string> = {}): Promise<TenantFixture> {
    return new TenantFixture(
      await startTestService(tenantService, { BCRYPT_COST: '4', ...overrides }),
    );
  }

  get url(): string {
    return this.service.url;
  }

  http() {
    return request(this.service.url);
  }

  /** A fresh tenant and its admin, signed in. */
  async signup(tenantName = `Tenant ${uniqueSuffix()}`): Promise<SignedUp> {
    const password = 'correct horse 42';
    const response = await this.http()
      .post('/api/tenant/auth/signup')
      .set('X-Forwarded-For', someIp())
      .send({ tenantName, name: 'Ada Admin', email: uniqueEmail(), password })
      .expect(201);
    return { ...response.body, password };
  }

  async close(): Promise<void> {
    await Promise.all([this.service.close(), closeRawProducer()]);
  }
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
