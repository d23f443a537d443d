import { InjectConfig } from '@app/config';
import { Injectable } from '@nestjs/common';
import ipaddr from 'ipaddr.js';
import { lookup } from 'node:dns/promises';
import { type IntegrationsConfig } from '../integrations.config';
import { isAllowedAddress, isInNetworks } from './address-guard';

export interface CheckedAddress {
  address: string;
  family: 4 | 6;
}

export type TargetCheck =
  | { allowed: true; address: CheckedAddress }
  | { allowed: false; error: 'ssrf_blocked' | 'dns_failed'; detail: string };

/**
 * Decides whether a webhook URL may be called, now: its host is resolved once, every address it
 * resolves to must be allowed (see isAllowedAddress), and the caller connects to the address
 * returned, so a name cannot resolve to a public address here and a private one at connect time.
 */
@Injectable()
export class OutboundGuard {
  constructor(@InjectConfig() private readonly config: IntegrationsConfig) {}

  async check(url: URL): Promise<TargetCheck> {
    const host = url.hostname.replace(/^\[|\]$/g, '');
    let addresses: CheckedAddress[];
    try {
      addresses = await this.resolve(host);
    } catch (error) {
      return { allowed: false, error: 'dns_failed', detail: (error as Error).message };
    }
    if (addresses.length === 0)
      return { allowed: false, error: 'dns_failed', detail: `${host} has no address` };
    const refused = addresses.find(({ address }) => !this.allowed(address));
    if (refused)
      return {
        allowed: false,
        error: 'ssrf_blocked',
        detail: `${host} resolves to ${refused.address}, which webhooks may not reach`,
      };
    return { allowed: true, address: addresses[0] };
  }

  /**
   * A test run reaches only the networks it allows, never a public address: whatever URL a test
   * (or the fuzzer) registers, nothing leaves the machine.
   */
  private allowed(address: string): boolean {
    const networks = this.config.WEBHOOK_ALLOWED_NETWORKS;
    if (this.config.NODE_ENV === 'test')
      return isAllowedAddress(address, networks) && isInNetworks(address, networks);
    return isAllowedAddress(address, networks);
  }

  private async resolve(host: string): Promise<CheckedAddress[]> {
    const literal = ipaddr.isValid(host) ? host : this.config.WEBHOOK_DNS_OVERRIDES.get(host);
    if (literal)
      return [{ address: literal, family: ipaddr.parse(literal).kind() === 'ipv6' ? 6 : 4 }];
    // A test run resolves no real name: the same answers offline, and no query leaves.
    if (this.config.NODE_ENV === 'test')
      throw new Error(`${host} is not in WEBHOOK_DNS_OVERRIDES (a test run resolves no real name)`);
    const found = await lookup(host, { all: true, verbatim: true });
    return found.map(({ address, family }) => ({ address, family: family === 6 ? 6 : 4 }));
  }
}
