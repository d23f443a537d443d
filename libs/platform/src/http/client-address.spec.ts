import { type IncomingMessage } from 'node:http';
import { clientAddress, proxyTrust } from './client-address';

function requestFrom(peer: string, forwardedFor?: string): IncomingMessage {
  return {
    socket: { remoteAddress: peer },
    connection: { remoteAddress: peer },
    headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {},
  } as unknown as IncomingMessage;
}

describe('clientAddress', () => {
  const nginxOnLoopback = proxyTrust(['loopback']);

  it('is the peer when the peer is not a trusted proxy, whatever the header says', () => {
    expect(clientAddress(requestFrom('203.0.113.5', '198.51.100.1'), nginxOnLoopback)).toBe(
      '203.0.113.5',
    );
  });

  it('is what a trusted proxy reports, read from the right', () => {
    expect(clientAddress(requestFrom('127.0.0.1', '203.0.113.9'), nginxOnLoopback)).toBe(
      '203.0.113.9',
    );
    // A client's own entry further left is not taken past an untrusted hop.
    expect(
      clientAddress(requestFrom('127.0.0.1', '198.51.100.1, 203.0.113.9'), nginxOnLoopback),
    ).toBe('203.0.113.9');
  });

  it('trusts exactly the configured proxies', () => {
    const composeNginx = proxyTrust(['172.30.0.10']);
    expect(clientAddress(requestFrom('172.30.0.10', '203.0.113.9'), composeNginx)).toBe(
      '203.0.113.9',
    );
    expect(clientAddress(requestFrom('172.30.0.11', '203.0.113.9'), composeNginx)).toBe(
      '172.30.0.11',
    );
  });
});
