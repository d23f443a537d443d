import { rateVerdict, sendLimits } from './message-rate-limiter.service';

const config = {
  SENDER_MESSAGES_PER_10S: 30,
  TENANT_MESSAGES_PER_SECOND: 200,
  TENANT_AGENT_SHARE_PERCENT: 25,
};

describe('the windows a send must fit in', () => {
  it('keeps the agents’ share of the tenant’s second out of the visitors’ reach', () => {
    expect(sendLimits('visitor', config)).toEqual({
      sender: 30,
      abuse: 90,
      side: 150,
      tenant: 200,
    });
  });

  it('lets agents use the whole of the tenant’s second', () => {
    expect(sendLimits('agent', config)).toMatchObject({ side: 200, tenant: 200 });
  });

  it('rounds the agents’ share up, and always leaves visitors at least one message', () => {
    expect(sendLimits('visitor', { ...config, TENANT_MESSAGES_PER_SECOND: 3 }).side).toBe(2);
    expect(
      sendLimits('visitor', {
        ...config,
        TENANT_MESSAGES_PER_SECOND: 1,
        TENANT_AGENT_SHARE_PERCENT: 90,
      }).side,
    ).toBe(1);
  });
});

describe('the verdict on a send', () => {
  const limits = sendLimits('visitor', config);

  it('lets through a send that fit in every window', () => {
    expect(rateVerdict({ attempts: 30, admitted: true }, limits)).toBe('ok');
  });

  it('refuses a send that did not fit', () => {
    expect(rateVerdict({ attempts: 31, admitted: false }, limits)).toBe('limited');
  });

  it('cuts off a sender that tries more than three times its limit', () => {
    expect(rateVerdict({ attempts: 90, admitted: false }, limits)).toBe('limited');
    expect(rateVerdict({ attempts: 91, admitted: false }, limits)).toBe('abusive');
  });
});
