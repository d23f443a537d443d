import {
  closeRawProducer,
  type ProbeConfig,
  probeService,
  startTestService,
  TestDirectory,
  type TestService,
  TestTokenIssuer,
} from '@app/testing';
import { Controller, Get } from '@nestjs/common';
import request from 'supertest';
import { type Principal } from './access-token';
import { CurrentPrincipal } from './current-principal.decorator';
import { Authenticated, RequirePermissions } from './permissions';
import { TenantContext } from '@app/tenancy';

@Controller()
class ProbeController {
  @Authenticated()
  @Get('whoami')
  whoami(@CurrentPrincipal() principal: Principal) {
    return { userId: principal.userId, tenantInContext: TenantContext.current() };
  }

  @RequirePermissions('analytics:view')
  @Get('numbers')
  numbers() {
    return { visitors: 1 };
  }

  @Get('forgotten')
  forgotten() {
    return { leaked: true };
  }
}

describe('another service checking access tokens, signed as the tenant service signs them, through the JWKS', () => {
  let tokens: TestTokenIssuer;
  let tenant: TestDirectory;
  let service: TestService<ProbeConfig>;

  beforeAll(async () => {
    tokens = await TestTokenIssuer.start();
    tenant = new TestDirectory(tokens);
    service = await startTestService(probeService([ProbeController]), tokens.env);
  });

  afterAll(async () => {
    await service?.close();
    await Promise.all([tokens?.stop(), closeRawProducer()]);
  });

  it('accepts an access token from the tenant service and scopes the request to its tenant', async () => {
    const admin = await tenant.signup();
    const response = await request(service.url)
      .get('/api/analytics/whoami')
      .set('Authorization', `Bearer ${admin.accessToken}`)
      .expect(200);
    expect(response.body).toEqual({ userId: admin.user.id, tenantInContext: admin.tenant.id });
  });

  it('answers 401 without a token and 403 without the permission', async () => {
    await request(service.url).get('/api/analytics/whoami').expect(401);
    const admin = await tenant.signup();
    const agent = await tenant.agent(admin);

    await request(service.url)
      .get('/api/analytics/numbers')
      .set('Authorization', `Bearer ${agent.accessToken}`)
      .expect(403);
    await request(service.url)
      .get('/api/analytics/numbers')
      .set('Authorization', `Bearer ${admin.accessToken}`)
      .expect(200);
  });

  it('refuses a route that declares no access rule, even to an admin', async () => {
    const admin = await tenant.signup();
    const response = await request(service.url)
      .get('/api/analytics/forgotten')
      .set('Authorization', `Bearer ${admin.accessToken}`)
      .expect(403);
    expect(response.body.message).toContain('declares no access rule');
  });
});
