import ipaddr from 'ipaddr.js';
import { isAllowedAddress, type Network } from './address-guard';

const loopbackAllowed: Network[] = [ipaddr.parseCIDR('127.0.0.0/8'), ipaddr.parseCIDR('::1/128')];

describe('isAllowedAddress', () => {
  it.each([
    '93.184.215.14',
    '8.8.8.8',
    '2606:4700:4700::1111',
    // Public, written as an IPv4-mapped IPv6 address.
    '::ffff:8.8.8.8',
  ])('lets a webhook reach the public address %s', (address) => {
    expect(isAllowedAddress(address, [])).toBe(true);
  });

  it.each([
    ['private', '10.0.0.1'],
    ['private', '172.16.5.4'],
    ['private', '192.168.1.1'],
    ['loopback', '127.0.0.1'],
    ['loopback', '::1'],
    ['link-local', '169.254.10.10'],
    ['the cloud metadata service', '169.254.169.254'],
    ['the AWS IPv6 metadata service', 'fd00:ec2::254'],
    ['carrier-grade NAT', '100.64.0.1'],
    ['multicast', '224.0.0.1'],
    ['multicast', 'ff02::1'],
    ['unspecified', '0.0.0.0'],
    ['unspecified', '::'],
    ['broadcast', '255.255.255.255'],
    ['IPv6 unique-local', 'fc00::1'],
    ['IPv6 link-local', 'fe80::1'],
    ['IPv6 site-local', 'fec0::1'],
    ['IPv4-mapped private', '::ffff:10.0.0.1'],
    ['IPv4-mapped loopback', '::ffff:127.0.0.1'],
    ['NAT64 of a private address', '64:ff9b::a00:1'],
    ['6to4', '2002:a00:1::1'],
    ['not an address', 'example.com'],
  ])('refuses a %s address (%s)', (_kind, address) => {
    expect(isAllowedAddress(address, [])).toBe(false);
  });

  it('lets the operator allow a network, but never the metadata service', () => {
    expect(isAllowedAddress('127.0.0.1', loopbackAllowed)).toBe(true);
    expect(isAllowedAddress('::1', loopbackAllowed)).toBe(true);
    expect(isAllowedAddress('::ffff:127.0.0.1', loopbackAllowed)).toBe(true);
    expect(isAllowedAddress('10.0.0.1', loopbackAllowed)).toBe(false);
    const linkLocal: Network[] = [ipaddr.parseCIDR('169.254.0.0/16')];
    expect(isAllowedAddress('169.254.10.10', linkLocal)).toBe(true);
    expect(isAllowedAddress('169.254.169.254', linkLocal)).toBe(false);
  });
});
