import { intercomSignature, isIntercomSignatureValid } from './intercom-signature';

const clientSecret = 'the-app-signs-with-this';
const body = Buffer.from('{"type":"notification_event","topic":"ping"}');

describe('the X-Hub-Signature check', () => {
  it('accepts the HMAC-SHA1 of the exact body under the client secret, in either case', () => {
    const header = intercomSignature(body, clientSecret);
    expect(isIntercomSignatureValid(body, header, clientSecret)).toBe(true);
    expect(
      isIntercomSignatureValid(body, header.toUpperCase().replace('SHA1=', 'sha1='), clientSecret),
    ).toBe(true);
  });

  it('refuses a missing header, another secret, another scheme, or a body changed by one byte', () => {
    const header = intercomSignature(body, clientSecret);
    expect(isIntercomSignatureValid(body, undefined, clientSecret)).toBe(false);
    expect(isIntercomSignatureValid(body, header, 'another-secret')).toBe(false);
    expect(isIntercomSignatureValid(body, header.replace('sha1=', 'sha256='), clientSecret)).toBe(
      false,
    );
    expect(isIntercomSignatureValid(Buffer.from(`${body.toString()} `), header, clientSecret)).toBe(
      false,
    );
  });
});
