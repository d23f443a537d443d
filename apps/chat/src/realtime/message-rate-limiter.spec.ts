import { rateVerdict } from './message-rate-limiter.service';

const limits = { SOCKET_MESSAGES_PER_10S: 30, TENANT_MESSAGES_PER_SECOND: 200 };

describe('the verdict on a send', () => {
  it('lets a send through up to and including each limit', () => {
    expect(rateVerdict({ socketCount: 30, tenantCount: 200 }, limits)).toBe('ok');
  });

  it('refuses a send past the socket’s 10-second limit', () => {
    expect(rateVerdict({ socketCount: 31, tenantCount: 1 }, limits)).toBe('limited');
  });

  it('refuses a send past the tenant’s per-second limit, whichever socket sends it', () => {
    expect(rateVerdict({ socketCount: 1, tenantCount: 201 }, limits)).toBe('limited');
  });

  it('cuts off a socket that sends more than three times its limit', () => {
    expect(rateVerdict({ socketCount: 90, tenantCount: 1 }, limits)).toBe('limited');
    expect(rateVerdict({ socketCount: 91, tenantCount: 1 }, limits)).toBe('abusive');
  });
});
