import { randomBytes } from 'node:crypto';
import { seal, unseal } from './sealed-secret';

describe('sealed secrets', () => {
  const key = randomBytes(32).toString('base64url');

  it('opens what it sealed, with the same key and purpose', () => {
    const link = 'https://parley.example/reset?token=abc';
    const sealed = seal(link, key, 'notification-link');
    expect(sealed).not.toContain('abc');
    expect(unseal(sealed, key, 'notification-link')).toBe(link);
  });

  it('refuses another key and a tampered text', () => {
    const sealed = seal('secret', key, 'notification-link');
    expect(() =>
      unseal(sealed, randomBytes(32).toString('base64url'), 'notification-link'),
    ).toThrow();
    const tampered = Buffer.from(sealed, 'base64url');
    tampered[tampered.length - 1] ^= 1;
    expect(() => unseal(tampered.toString('base64url'), key, 'notification-link')).toThrow();
  });

  it('refuses what was sealed for another purpose, even under the same secret', () => {
    const unsubscribe = seal('{"email":"v@example.test"}', key, 'unsubscribe');
    expect(() => unseal(unsubscribe, key, 'notification-link')).toThrow();
    expect(() => unseal(unsubscribe, key, 'oidc-flow')).toThrow();
  });
});
