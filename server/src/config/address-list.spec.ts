import { addressMatcher, LOOPBACK_CIDRS, parseAddressList } from './address-list';

describe('address lists (METRICS_ALLOW)', () => {
  it('reads addresses and ranges, commas or spaces between them', () => {
    expect(parseAddressList(' 10.0.0.0/8,192.168.1.5  fd00::/8,, ::1 ')).toEqual({
      cidrs: ['10.0.0.0/8', '192.168.1.5/32', 'fd00::/8', '::1/128'],
      problems: [],
    });
  });

  it('names what is wrong with an entry', () => {
    expect(parseAddressList('10.0.0.256,10.0.0.0/-1,10.0.0.0/x,::/200').problems).toEqual([
      '"10.0.0.256" is not an IP address or CIDR range (e.g. 10.0.0.0/8, 192.168.1.5, fd00::/8)',
      '"10.0.0.0/-1": the prefix length must be 0 to 32 for an IPv4 address',
      '"10.0.0.0/x": the prefix length must be 0 to 32 for an IPv4 address',
      '"::/200": the prefix length must be 0 to 128 for an IPv6 address',
    ]);
  });

  it('matches loopback only by default', () => {
    const allowed = addressMatcher(LOOPBACK_CIDRS);
    expect(['127.0.0.1', '127.1.2.3', '::1', '::ffff:127.0.0.1'].map(allowed)).toEqual([true, true, true, true]);
    expect(['10.0.0.1', '::2', '::ffff:10.0.0.1', '', undefined, 'localhost'].map(allowed)).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
  });

  it('matches peers in the given ranges, IPv4 mapped into IPv6 included', () => {
    const allowed = addressMatcher([...LOOPBACK_CIDRS, '172.31.240.0/24', '10.0.0.7/32', 'fd00::/8']);
    expect(allowed('172.31.240.9')).toBe(true);
    expect(allowed('::ffff:172.31.240.9')).toBe(true);
    expect(allowed('172.31.241.9')).toBe(false);
    expect(allowed('10.0.0.7')).toBe(true);
    expect(allowed('10.0.0.8')).toBe(false);
    expect(allowed('fd12:3456::1')).toBe(true);
    expect(allowed('fe80::1%eth0')).toBe(false);
  });
});
