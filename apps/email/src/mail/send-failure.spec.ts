import { classify } from './send-failure';

describe('classify', () => {
  it('takes a 5xx answer to RCPT TO for a hard bounce: permanent, recipient refused', () => {
    expect(
      classify({
        responseCode: 550,
        command: 'RCPT TO',
        response: '550 5.1.1 no such user',
        message: 'x',
      }),
    ).toEqual({
      permanent: true,
      recipientRejected: true,
      reason: 'refused by the SMTP server: 550 5.1.1 no such user',
    });
  });

  it('takes a 5xx answer to anything else for permanent, with the address still good', () => {
    const failure = classify({ responseCode: 554, command: 'DATA', message: 'rejected' });
    expect(failure).toMatchObject({ permanent: true, recipientRejected: false });
  });

  it('takes a 4xx answer for temporary', () => {
    const failure = classify({ responseCode: 451, response: '451 try later', message: 'x' });
    expect(failure).toEqual({
      permanent: false,
      recipientRejected: false,
      reason: 'deferred by the SMTP server: 451 try later',
    });
  });

  it('takes a refused connection for temporary, naming the error code', () => {
    expect(classify({ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' }).reason).toBe(
      'SMTP server unreachable (ECONNREFUSED): connect ECONNREFUSED',
    );
  });
});
