import { describe, expect, it } from 'vitest';
import { readBody } from '../../lib/serve/body';

/** A body that never ends (a client streaming forever); counts what the server pulled from it. */
function endless() {
  const stats = { pulled: 0, cancelled: false };
  const chunk = new Uint8Array(16 * 1024).fill(97);
  const body = new ReadableStream<Uint8Array>({
    pull(c) {
      stats.pulled += chunk.byteLength;
      c.enqueue(chunk);
    },
    cancel() {
      stats.cancelled = true;
    },
  });
  return {
    stats,
    req: new Request('http://x/api/open311/v2/requests.json', { method: 'POST', body, duplex: 'half' } as RequestInit),
  };
}

describe('readBody: the form body of Open311 POSTs is capped while it streams', () => {
  it('stops reading an endless body just past the limit and cancels it', async () => {
    const { stats, req } = endless();
    await expect(readBody(req, 32 * 1024)).rejects.toMatchObject({ code: 'too_large' });
    expect(stats.pulled).toBeLessThanOrEqual(32 * 1024 + 3 * 16 * 1024);
    expect(stats.cancelled).toBe(true);
  });

  it('refuses at once a body whose Content-Length is over the limit, and reads one within it', async () => {
    const big = new Request('http://x/', {
      method: 'POST',
      body: 'a'.repeat(100),
      headers: { 'content-length': '100' },
    });
    await expect(readBody(big, 50)).rejects.toMatchObject({ code: 'too_large' });
    const ok = new Request('http://x/', { method: 'POST', body: 'service_code=roads&lat=1' });
    expect((await readBody(ok, 50)).toString()).toBe('service_code=roads&lat=1');
  });
});
