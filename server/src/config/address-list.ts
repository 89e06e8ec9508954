import { BlockList, isIPv4, isIPv6 } from 'node:net';

// This host: always allowed (CONTRACT §5: /metrics for "anyone on the host")
export const LOOPBACK_CIDRS: readonly string[] = ['127.0.0.0/8', '::1/128'];

/**
 * "10.0.0.0/8, 192.168.1.5, fd00::/8" → ['10.0.0.0/8', '192.168.1.5/32', 'fd00::/8']: a list of
 * IP addresses and CIDR ranges, commas and spaces between them. Each bad entry is one problem,
 * worded to follow "env METRICS_ALLOW: ".
 */
export function parseAddressList(raw: string): { cidrs: string[]; problems: string[] } {
  const cidrs: string[] = [];
  const problems: string[] = [];
  for (const entry of raw.split(/[\s,]+/).filter(Boolean)) {
    const slash = entry.indexOf('/');
    const address = slash < 0 ? entry : entry.slice(0, slash);
    const v4 = isIPv4(address);
    if (!v4 && !isIPv6(address)) {
      problems.push(`${JSON.stringify(entry)} is not an IP address or CIDR range (e.g. 10.0.0.0/8, 192.168.1.5, fd00::/8)`);
      continue;
    }
    const max = v4 ? 32 : 128;
    if (slash < 0) {
      cidrs.push(`${address}/${max}`);
      continue;
    }
    const prefix = entry.slice(slash + 1);
    if (!/^\d{1,3}$/.test(prefix) || Number(prefix) > max) {
      problems.push(`${JSON.stringify(entry)}: the prefix length must be 0 to ${max} for an IPv${v4 ? 4 : 6} address`);
      continue;
    }
    cidrs.push(`${address}/${Number(prefix)}`);
  }
  return { cidrs, problems };
}

/** Whether a peer address (as a socket gives it: IPv4, IPv6, or IPv4 mapped into IPv6) is in the ranges. */
export function addressMatcher(cidrs: readonly string[]): (address: string | undefined) => boolean {
  const list = new BlockList();
  for (const cidr of cidrs) {
    const [net, bits] = cidr.split('/') as [string, string];
    list.addSubnet(net, Number(bits), isIPv4(net) ? 'ipv4' : 'ipv6');
  }
  return (address) => {
    if (!address) return false;
    // ::ffff:10.1.2.3 (a dual-stack listener's IPv4 peer) is 10.1.2.3; fe80::1%eth0 is fe80::1
    const a = (/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1] ?? address).replace(/%.*$/, '');
    if (isIPv4(a)) return list.check(a, 'ipv4');
    if (isIPv6(a)) return list.check(a, 'ipv6');
    return false;
  };
}
