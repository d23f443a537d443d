import ipaddr from 'ipaddr.js';

export type Network = [ipaddr.IPv4 | ipaddr.IPv6, number];

/** Cloud metadata services: refused even inside a network the operator allows. */
const METADATA_ADDRESSES = ['169.254.169.254', 'fd00:ec2::254'].map((address) =>
  ipaddr.parse(address).toNormalizedString(),
);

/** Deprecated IPv6 site-local addresses, which ipaddr.js counts as unicast. */
const SITE_LOCAL: Network = ipaddr.parseCIDR('fec0::/10');

/**
 * Whether a webhook may be sent to this address. Only public unicast addresses are, by
 * ipaddr.js's classification: private, loopback, link-local, carrier-grade NAT, multicast,
 * unspecified, broadcast, reserved, unique-local and the IPv6 forms that carry an IPv4 address
 * (mapped, NAT64, 6to4, Teredo) are not, unless the operator allows their network. The
 * IPv4-mapped form is judged as the IPv4 address it carries.
 */
export function isAllowedAddress(address: string, allowedNetworks: readonly Network[]): boolean {
  if (!ipaddr.isValid(address)) return false;
  const parsed = ipaddr.process(address);
  if (METADATA_ADDRESSES.includes(parsed.toNormalizedString())) return false;
  if (allowedNetworks.some((network) => matches(parsed, network))) return true;
  if (parsed.kind() === 'ipv6' && matches(parsed, SITE_LOCAL)) return false;
  return parsed.range() === 'unicast';
}

/** Whether the address is inside one of the networks. */
export function isInNetworks(address: string, networks: readonly Network[]): boolean {
  if (!ipaddr.isValid(address)) return false;
  const parsed = ipaddr.process(address);
  return networks.some((network) => matches(parsed, network));
}

function matches(address: ipaddr.IPv4 | ipaddr.IPv6, [network, bits]: Network): boolean {
  // ipaddr.js types `match` per address kind; the kinds are equal here.
  return (
    address.kind() === network.kind() &&
    (address as ipaddr.IPv4).match(network as ipaddr.IPv4, bits)
  );
}
