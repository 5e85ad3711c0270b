import { describe, expect, it, beforeAll } from 'vitest';
import { BASE_URL, ORIGIN, sessionCookie, url } from './browser';

/* Open311 GeoReport v2: services, requests with filters, create by POST and read back, JSON and XML. */
describe.skipIf(!BASE_URL)('Open311 GeoReport v2', () => {
  let cookie = '';
  beforeAll(async () => {
    cookie = await sessionCookie('analyst');
  });
  const get = (path: string) => fetch(url(path), { headers: { cookie } });

  it('lists our topics as services, in JSON and XML, to anyone', async () => {
    const json = await (await fetch(url('/open311/v2/services.json'))).json();
    expect(json).toHaveLength(11);
    expect(json[0]).toMatchObject({ service_code: 'roads', service_name: 'Дороги', type: 'realtime' });
    const xml = await (await fetch(url('/open311/v2/services.xml'))).text();
    expect(xml).toMatch(
      /^<\?xml version="1.0" encoding="utf-8"\?><services><service><service_code>roads<\/service_code>/,
    );
  });

  it('requests need a staff session or an API key (they carry appeal text)', async () => {
    expect((await fetch(url('/open311/v2/requests.json'))).status).toBe(401);
  });

  it('filters by service code, status, dates and bbox, with paging', async () => {
    const q =
      '/open311/v2/requests.json?service_code=roads&status=closed&start_date=2026-04-01T00:00:00Z&end_date=2026-04-30T23:59:59Z';
    const page1 = await (await get(`${q}&page_size=50`)).json();
    expect(page1).toHaveLength(50);
    for (const r of page1) {
      expect(r).toMatchObject({ service_code: 'roads', status: 'closed' });
      expect(r.requested_datetime >= '2026-04-01' && r.requested_datetime <= '2026-04-30T23:59:59Z').toBe(true);
    }
    const page2 = await (await get(`${q}&page_size=50&page=2`)).json();
    expect(page2.map((r: { service_request_id: string }) => r.service_request_id)).not.toContain(
      page1[0].service_request_id,
    );
    const boxed = await (await get('/open311/v2/requests.json?bbox=55.05,51.74,55.15,51.8&page_size=100')).json();
    expect(boxed.length).toBeGreaterThan(0);
    for (const r of boxed) {
      expect(r.long).toBeGreaterThanOrEqual(55.05);
      expect(r.lat).toBeLessThanOrEqual(51.8);
    }
    expect((await get('/open311/v2/requests.json?service_code=potholes')).status).toBe(400);
    // The description in the client's language: English when asked for, Russian otherwise.
    const err = await (
      await fetch(url('/open311/v2/requests.json?start_date=yesterday'), {
        headers: { cookie, 'Accept-Language': 'en' },
      })
    ).json();
    expect(err).toEqual([{ code: 400, description: 'start_date: expected an ISO 8601 date-time' }]);
    const ru = await (await get('/open311/v2/requests.json?start_date=yesterday')).json();
    expect(ru).toEqual([
      { code: 400, description: 'start_date: ожидается дата и время ISO 8601 (ГГГГ-ММ-ДДTчч:мм:ссZ)' },
    ]);
  });

  it('a request created by POST comes back through GET with the same fields', async () => {
    const form = new URLSearchParams({
      service_code: 'waste',
      lat: '51.7805',
      long: '55.1201',
      description: 'Переполнены контейнеры во дворе',
      first_name: 'Ольга',
      email: 'olga@example.org',
      'extended_attributes[channel]': 'app',
    });
    const res = await fetch(url('/open311/v2/requests.json'), {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN },
      body: form.toString(),
    });
    expect(res.status).toBe(201);
    const [{ service_request_id: id }] = await res.json();
    const [back] = await (await get(`/open311/v2/requests/${id}.json`)).json();
    expect(back).toMatchObject({
      service_request_id: id,
      service_code: 'waste',
      status: 'open',
      description: 'Переполнены контейнеры во дворе',
      lat: 51.7805,
      long: 55.1201,
      extended_attributes: { channel: 'app' },
    });
    expect(JSON.stringify(back)).not.toContain('olga@example.org'); // the author never appears in a request
    const xml = await (await get(`/open311/v2/requests/${id}.xml`)).text();
    expect(xml).toContain(`<service_request_id>${id}</service_request_id><status>open</status>`);
  });

  it("refuses a POST without a location, in the spec's error format", async () => {
    const res = await fetch(url('/open311/v2/requests.xml'), {
      method: 'POST',
      headers: {
        cookie,
        'content-type': 'application/x-www-form-urlencoded',
        origin: ORIGIN,
        'Accept-Language': 'en-GB,en',
      },
      body: 'service_code=roads',
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain(
      '<errors><error><code>400</code><description>request: a location is required: lat and long, or address_string</description></error></errors>',
    );
    expect((await get('/open311/v2/requests/999999999.json')).status).toBe(404);
  });
});
