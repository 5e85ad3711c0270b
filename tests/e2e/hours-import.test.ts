import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { BASE_URL, ORIGIN, sessionCookie, testClientIp, url } from './browser';

/*
 * The opening_hours package runs inside the built server: a points file with one OSM opening_hours column, uploaded
 * and imported through the admin API (the same path as the import page). A value the parser cannot read makes its
 * days unknown and the site is still imported. The points are of a kind of their own, far from the demo region,
 * and are removed afterwards.
 */
const CSV = [
  'id,name,opening_hours,lat,lon',
  'H1,Поликлиника,"Mo-Fr 08:00-20:00; Sa 08:00-16:00; PH off",69.01,33.01',
  'H2,Бар,"Mo-Su 9:30-3:00",69.02,33.02',
  'H3,Музей,"We-Su 11:00-17:00; Th[-1] off ""санитарный день""",69.03,33.03',
  'H4,Склад,"Пн-Пт 9-18 обед",69.04,33.04',
  'H5,Приёмная,по записи,69.05,33.05',
].join('\n');
const MAPPING = {
  source: 'e2e_hours',
  kind: 'test_hours',
  timezone: 'Europe/Moscow',
  fields: { external_id: 'id', name: 'name', lat: 'lat', lon: 'lon', opening_hours: 'opening_hours' },
};

describe.skipIf(!BASE_URL)('opening hours in the built server (admin import API)', () => {
  afterAll(async () => {
    const c = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL });
    await c.connect();
    await c.query(`DELETE FROM service_points WHERE source_id IN (SELECT id FROM sources WHERE code = 'e2e_hours')`);
    await c.end();
  });

  it('imports every site; the unreadable value is unknown for its days, with a note', async () => {
    const cookie = await sessionCookie('admin');
    const headers = { Cookie: cookie, Origin: ORIGIN, 'X-Forwarded-For': testClientIp() };
    const up = await fetch(url('/api/admin/imports/upload?name=e2e_hours.csv'), {
      method: 'POST',
      headers: { ...headers, 'Content-Type': 'text/csv' },
      body: CSV,
    });
    expect(up.status).toBe(201);
    const { upload } = (await up.json()) as { upload: string };
    const start = await fetch(url('/api/admin/imports'), {
      method: 'POST',
      headers: { ...headers, 'Content-Type': 'application/json' },
      body: JSON.stringify({ upload, kind: 'points', mapping: MAPPING }),
    });
    expect(start.status, await start.clone().text()).toBe(202);
    const { id } = (await start.json()) as { id: number };
    let job:
      | { status: string; read: number; inserted: number; rejected: number; notes: string[]; error: string | null }
      | undefined;
    for (let i = 0; i < 120; i++) {
      job = await (await fetch(url(`/api/admin/imports/${id}`), { headers })).json();
      if (job?.status !== 'running') break;
      await new Promise((r) => setTimeout(r, 500));
    }
    expect(job).toMatchObject({ status: 'done', read: 5, inserted: 5, rejected: 0, error: null });
    expect(job!.notes.join('\n')).toMatch(
      /1 points have opening hours that could not be read for some days \(7 days in all\)/,
    );
    expect(job!.notes.join('\n')).toMatch(
      /1 points have opening hours that differ on some dates .*row 3: column "opening_hours": thursday: usual hours kept/,
    );
    const c = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL });
    await c.connect();
    const rows = (
      await c.query<{ external_id: string; hours: Record<string, string>; appointments: boolean | null }>(
        `SELECT external_id, hours, appointments FROM service_points WHERE source_id = (SELECT id FROM sources WHERE code = 'e2e_hours') ORDER BY external_id`,
      )
    ).rows;
    await c.end();
    const by = Object.fromEntries(rows.map((r) => [r.external_id, r]));
    expect(by.H1.hours).toMatchObject({ friday: '08:00-20:00', saturday: '08:00-16:00', sunday: 'closed' });
    expect(by.H2.hours.monday).toBe('09:30-03:00');
    expect(by.H3.hours).toMatchObject({ tuesday: 'closed', thursday: '11:00-17:00' });
    expect(by.H4.hours).toMatchObject({ monday: '', friday: '', saturday: '', sunday: '' });
    expect(by.H5).toMatchObject({ appointments: true, hours: { monday: '' } });
  });
});
