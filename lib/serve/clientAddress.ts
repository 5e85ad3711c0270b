import { BlockList, isIP } from 'node:net';

/**
 * Which address a request comes from, decided once by the app's own server (server.ts) and handed to the app in
 * CLIENT_IP_HEADER: the socket's peer, or — only when that peer is a configured proxy — the right-most address of
 * X-Forwarded-For that is not itself a trusted proxy. The left part of that header is whatever the client wrote, so
 * it is never believed (a new value per request would otherwise be a new rate-limit bucket per request).
 */
export const CLIENT_IP_HEADER = 'x-pmap-client-ip';

/** "10.0.0.0/8, 127.0.0.1, ::1" → a BlockList; a bad entry is an error that names it. */
export function parseTrustedProxies(spec: string | undefined): BlockList {
  const list = new BlockList();
  for (const raw of (spec ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const [addr, bits] = raw.split('/');
    const family = isIP(addr);
    if (!family) throw new Error(`PMAP_TRUSTED_PROXIES: "${raw}" is not an IP address or CIDR range`);
    const type = family === 4 ? 'ipv4' : 'ipv6';
    if (bits === undefined) list.addAddress(addr, type);
    else {
      const prefix = Number(bits);
      if (!Number.isInteger(prefix) || prefix < 0 || prefix > (family === 4 ? 32 : 128)) {
        throw new Error(`PMAP_TRUSTED_PROXIES: "${raw}" has a bad prefix length`);
      }
      list.addSubnet(addr, prefix, type);
    }
  }
  return list;
}

/** "::ffff:127.0.0.1" → "127.0.0.1"; anything that is not an IP address → null. */
export function normalizeAddress(a: string | undefined | null): string | null {
  if (!a) return null;
  let s = a.trim();
  if (s.startsWith('[') && s.includes(']')) s = s.slice(1, s.indexOf(']'));
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(s);
  if (mapped) s = mapped[1];
  return isIP(s) ? s.toLowerCase() : null;
}

function isTrusted(list: BlockList, addr: string): boolean {
  return list.check(addr, isIP(addr) === 4 ? 'ipv4' : 'ipv6');
}

/**
 * The client's address: the peer unless the peer is a trusted proxy; then X-Forwarded-For is walked from the right,
 * skipping trusted proxies, and the first other address wins. A malformed hop ends the walk at the last trusted
 * address seen (it is the best we know), so garbage cannot choose the bucket either.
 */
export function clientAddress(
  peer: string | undefined | null,
  forwardedFor: string | undefined | null,
  trusted: BlockList,
): string {
  const p = normalizeAddress(peer);
  if (!p) return 'unknown';
  if (!isTrusted(trusted, p) || !forwardedFor) return p;
  let last = p;
  const hops = forwardedFor
    .split(',')
    .map((h) => h.trim())
    .filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) {
    const h = normalizeAddress(hops[i]);
    if (!h) return last;
    if (!isTrusted(trusted, h)) return h;
    last = h;
  }
  return last;
}
