import { type IncomingMessage } from 'node:http';
import proxyAddr from 'proxy-addr';

/** Whether a hop (an address that forwarded the request) is one of the configured proxies. */
export type ProxyTrust = (address: string, hop: number) => boolean;

/** Compiles TRUSTED_PROXIES once; Express and the socket handshakes share the result. */
export function proxyTrust(trustedProxies: string[]): ProxyTrust {
  return proxyAddr.compile(trustedProxies);
}

/**
 * The client's address: the socket's peer, unless that peer is a trusted proxy, in which case
 * X-Forwarded-For is read from the right, hop by hop, while the hops are trusted. A header sent
 * by anyone else is ignored. The one rule for REST (`request.ip`) and socket.io handshakes.
 */
export function clientAddress(request: IncomingMessage, trust: ProxyTrust): string {
  return proxyAddr(request, trust);
}
