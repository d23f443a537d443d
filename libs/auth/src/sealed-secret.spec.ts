import { seal, unseal } from './sealed-secret';

describe('sealed secrets', () => {
  const key = 'a shared key of the tenant and email services';

  it('opens what it sealed, with the same key', () => {
    const link = 'https://parley.example/reset?token=abc';
    const sealed = seal(link, key);
    expect(sealed).not.toContain('abc');
    expect(unseal(sealed, key)).toBe(link);
  });

  it('refuses another key and a tampered text', () => {
    const sealed = seal('secret', key);
    expect(() => unseal(sealed, 'another key')).toThrow();
    const tampered = Buffer.from(sealed, 'base64url');
    tampered[tampered.length - 1] ^= 1;
    expect(() => unseal(tampered.toString('base64url'), key)).toThrow();
  });
});
