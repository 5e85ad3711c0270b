import { beforeEach, describe, expect, it, vi } from 'vitest';
import { resetEnvCache } from '../../lib/config/env';
import { isPmapError } from '../../lib/errors';
import { CLIENT_IP_HEADER } from '../../lib/serve/clientAddress';
import { limitPublic, rateBucket } from '../../lib/serve/rateLimit';

vi.mock('server-only', () => ({}));

const TILE = '/api/basemap/tiles/[z]/[x]/[y]';
const API = '/api/public/points';
let n = 0;
/** A request from one client address (as server.ts would have stamped it). */
const from = (ip: string) => new Request('http://localhost/x', { headers: { [CLIENT_IP_HEADER]: ip } });

/** How many of `count` requests pass before the first refusal (the refusal must be the keyed 429). */
async function passing(ip: string, pattern: string, count: number): Promise<number> {
  for (let i = 0; i < count; i++) {
    try {
      await limitPublic(from(ip), pattern);
    } catch (e) {
      expect(isPmapError(e) && e.code).toBe('rate_limited');
      return i;
    }
  }
  return count;
}

describe('anonymous rate limits: the basemap has its own bucket', () => {
  beforeEach(() => {
    delete process.env.PMAP_RATE_PUBLIC_PER_MIN;
    delete process.env.PMAP_RATE_BASEMAP_PER_MIN;
    resetEnvCache();
  });

  it('routes under /api/basemap/ count as basemap, the rest as API', () => {
    expect(rateBucket(TILE)).toBe('basemap');
    expect(rateBucket('/api/basemap/style.json')).toBe('basemap');
    expect(rateBucket(API)).toBe('api');
    expect(rateBucket('/api/public/hexagons')).toBe('api');
  });

  it('400 tile requests of one client pass; its API calls are still refused after 300', async () => {
    const ip = `10.0.0.${++n}`;
    expect(await passing(ip, TILE, 400)).toBe(400);
    expect(await passing(ip, API, 301)).toBe(300);
    // Tiles keep their own allowance after the API's is spent.
    expect(await passing(ip, TILE, 10)).toBe(10);
  });

  it("the basemap is still limited (default 3000 a minute), and one client does not spend another's", async () => {
    const ip = `10.0.1.${++n}`;
    expect(await passing(ip, TILE, 3001)).toBe(3000);
    expect(await passing(`10.0.2.${n}`, TILE, 5)).toBe(5);
  });

  it('both limits come from the environment', async () => {
    process.env.PMAP_RATE_PUBLIC_PER_MIN = '7';
    process.env.PMAP_RATE_BASEMAP_PER_MIN = '12';
    resetEnvCache();
    const ip = `10.0.3.${++n}`;
    expect(await passing(ip, API, 20)).toBe(7);
    expect(await passing(ip, TILE, 20)).toBe(12);
  });
});
