import { sha256 } from '@app/auth';
import { issueToken, readToken, secretMatches } from './token-secret';

describe('tokens of the form <id>.<secret>', () => {
  it('hand the secret out once and keep only its hash', () => {
    const issued = issueToken();
    const [id, secret] = issued.token.split('.');
    expect(id).toBe(issued.id);
    expect(secret.length).toBeGreaterThanOrEqual(43); // 256 bits, base64url
    expect(issued.secretSha256).toBe(sha256(secret));
  });

  it('are never issued twice', () => {
    const [first, second] = [issueToken(), issueToken()];
    expect(first.id).not.toBe(second.id);
    expect(first.token).not.toBe(second.token);
  });

  it('are read into their id and secret, and not at all without both', () => {
    expect(readToken('abc.s3cret')).toEqual({ id: 'abc', secret: 's3cret' });
    for (const malformed of ['', 'abc', 'abc.', '.s3cret']) {
      expect(readToken(malformed)).toBeNull();
    }
  });

  it('match the stored hash of their own secret only', () => {
    const issued = issueToken();
    const { secret } = readToken(issued.token)!;
    expect(secretMatches(secret, issued)).toBe(true);
    expect(secretMatches(`${secret}x`, issued)).toBe(false);
    expect(secretMatches(readToken(issueToken().token)!.secret, issued)).toBe(false);
  });
});
