import { describe, expect, it } from 'vitest';
import { clientAddress, normalizeAddress, parseTrustedProxies } from '../../lib/serve/clientAddress';

describe('client address behind proxies (PMAP_TRUSTED_PROXIES)', () => {
  const none = parseTrustedProxies(undefined);
  const proxies = parseTrustedProxies('127.0.0.1, 10.0.0.0/8, ::1');

  it('with no trusted proxy the socket peer is the client, whatever X-Forwarded-For says', () => {
    expect(clientAddress('203.0.113.5', '1.2.3.4', none)).toBe('203.0.113.5');
    expect(clientAddress('::ffff:203.0.113.5', '9.9.9.9, 8.8.8.8', none)).toBe('203.0.113.5');
    expect(clientAddress('127.0.0.1', '1.2.3.4', none)).toBe('127.0.0.1');
  });

  it('an untrusted peer is not believed even when it looks like a proxy chain', () => {
    expect(clientAddress('198.51.100.9', '10.1.1.1', proxies)).toBe('198.51.100.9');
  });

  it('from a trusted proxy, the right-most address that is not a trusted proxy wins', () => {
    // The client wrote "6.6.6.6"; the proxy appended the address it saw.
    expect(clientAddress('127.0.0.1', '6.6.6.6, 203.0.113.7', proxies)).toBe('203.0.113.7');
    expect(clientAddress('127.0.0.1', '6.6.6.6, 203.0.113.7, 10.2.3.4', proxies)).toBe('203.0.113.7');
    expect(clientAddress('::1', '198.51.100.1', proxies)).toBe('198.51.100.1');
  });

  it('a spoofed left part cannot change the answer, so it cannot make a new bucket', () => {
    const seen = new Set(
      ['1.1.1.1', '2.2.2.2', 'garbage', '10.0.0.1'].map((spoof) =>
        clientAddress('127.0.0.1', `${spoof}, 203.0.113.7`, proxies),
      ),
    );
    expect([...seen]).toEqual(['203.0.113.7']);
  });

  it('garbage in the chain stops the walk at the last trusted hop', () => {
    expect(clientAddress('127.0.0.1', '203.0.113.7, not-an-ip', proxies)).toBe('127.0.0.1');
    expect(clientAddress('127.0.0.1', '', proxies)).toBe('127.0.0.1');
    expect(clientAddress('127.0.0.1', '10.0.0.2, 10.0.0.3', proxies)).toBe('10.0.0.2');
  });

  it('normalises addresses and refuses bad proxy entries', () => {
    expect(normalizeAddress('[2001:DB8::1]')).toBe('2001:db8::1');
    expect(normalizeAddress('::ffff:10.0.0.1')).toBe('10.0.0.1');
    expect(normalizeAddress('x')).toBeNull();
    expect(() => parseTrustedProxies('10.0.0.0/33')).toThrow(/bad prefix/);
    expect(() => parseTrustedProxies('proxy.local')).toThrow(/proxy\.local/);
  });
});
