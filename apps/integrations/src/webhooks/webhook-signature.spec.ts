import { createHmac } from 'node:crypto';
import { newWebhookSecret, signatureHeaders } from './webhook-signature';

describe('webhook signatures', () => {
  const body = JSON.stringify({ id: 'evt', type: 'parley.test.v1' });

  it('signs id, timestamp and body with HMAC-SHA256, as a receiver recomputes it', () => {
    const secret = newWebhookSecret();
    const headers = signatureHeaders([secret], 'evt', 1767225600, body);
    const expected = createHmac('sha256', secret).update(`evt.1767225600.${body}`).digest('hex');
    expect(headers).toEqual({
      'Parley-Webhook-Id': 'evt',
      'Parley-Webhook-Timestamp': '1767225600',
      'Parley-Signature': `v1=${expected}`,
    });
  });

  it('sends one signature per secret during a rotation, the new one first', () => {
    const [current, previous] = [newWebhookSecret(), newWebhookSecret()];
    const signatures = signatureHeaders([current, previous], 'evt', 1, body)[
      'Parley-Signature'
    ].split(' ');
    expect(signatures).toEqual([
      signatureHeaders([current], 'evt', 1, body)['Parley-Signature'],
      signatureHeaders([previous], 'evt', 1, body)['Parley-Signature'],
    ]);
  });

  it('makes a different whsec_ secret each time', () => {
    const secret = newWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(newWebhookSecret()).not.toBe(secret);
  });
});
