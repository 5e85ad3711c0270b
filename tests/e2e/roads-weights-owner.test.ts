import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE_URL, sessionCookie, url } from './browser';

/*
 * Issue 18, finding 4: the municipal road agency's POST /api/roads/weights rewrote the one global weights table and
 * reordered the federal owner's list. Its save must change its own owner's weights only.
 */
type W = Record<string, number>;
const ORIGIN = BASE_URL ? new URL(BASE_URL).origin : '';

describe.skipIf(!BASE_URL)('road priority weights are per owner', () => {
  const cookies: Record<'road' | 'admin' | 'analyst', string> = { road: '', admin: '', analyst: '' };
  let roadBefore: W = {};
  beforeAll(async () => {
    [cookies.road, cookies.admin, cookies.analyst] = await Promise.all([
      sessionCookie('road_agency'),
      sessionCookie('admin'),
      sessionCookie('analyst'),
    ]);
  });
  const get = async (who: keyof typeof cookies, path: string) => {
    const res = await fetch(url(path), { headers: { cookie: cookies[who] } });
    expect(res.status, path).toBe(200);
    return res.json();
  };
  const post = (who: keyof typeof cookies, body: Record<string, number | string>) =>
    fetch(url('/api/roads/weights'), {
      method: 'POST',
      headers: { cookie: cookies[who], 'content-type': 'application/json', origin: ORIGIN },
      body: JSON.stringify(body),
    });
  const ranking = async (who: keyof typeof cookies, owner: string) =>
    (
      (await get(who, `/api/roads/priorities?owner=${owner}`)) as { segments: { id: number; score: number }[] }
    ).segments.map((s) => [s.id, s.score]);
  afterAll(async () => {
    if (Object.keys(roadBefore).length) await post('road', roadBefore);
  });

  it("the municipal agency's save leaves the federal weights and ranking, and the default, as the admin and analyst see them", async () => {
    const federalWeights = ((await get('admin', '/api/roads/weights?owner=federal')) as { weights: W }).weights;
    const defaultWeights = ((await get('analyst', '/api/roads/weights')) as { weights: W }).weights;
    const federalRanking = await ranking('analyst', 'federal');
    expect(federalRanking.length).toBeGreaterThan(1);
    const mine = (await get('road', '/api/roads/weights')) as { owner: string; weights: W };
    expect(mine.owner).toBe('municipal');
    roadBefore = mine.weights;

    // Weights on the road's condition alone: a different order from almost any other weights.
    const conditionOnly = { per_km: 0, citizens: 0, trend: 0, condition: 1, road_class: 0, facilities: 0 };
    const res = await post('road', conditionOnly);
    expect(res.status).toBe(200);
    expect(((await get('road', '/api/roads/weights')) as { weights: W }).weights).toEqual(conditionOnly);
    expect(((await get('road', '/api/roads/priorities')) as { weights: W }).weights).toEqual(conditionOnly);

    expect(((await get('admin', '/api/roads/weights?owner=federal')) as { weights: W }).weights).toEqual(
      federalWeights,
    );
    expect(((await get('analyst', '/api/roads/weights')) as { weights: W }).weights).toEqual(defaultWeights);
    expect(await ranking('analyst', 'federal')).toEqual(federalRanking);
    expect(await ranking('admin', 'federal')).toEqual(federalRanking);
  });

  it('a road agency cannot name another owner, an analyst cannot save at all', async () => {
    const federalWeights = ((await get('admin', '/api/roads/weights?owner=federal')) as { weights: W }).weights;
    const w = { per_km: 1, citizens: 1, trend: 1, condition: 1, road_class: 1, facilities: 9 };
    expect((await post('road', { ...w, owner: 'federal' })).status).toBe(403);
    expect((await post('analyst', w)).status).toBe(403);
    expect((await post('analyst', { ...w, owner: 'federal' })).status).toBe(403);
    expect(((await get('admin', '/api/roads/weights?owner=federal')) as { weights: W }).weights).toEqual(
      federalWeights,
    );
  });
});
