import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE_URL, sessionCookie, url } from './browser';

const E2E_DB = process.env.E2E_DATABASE_URL;

// A citizen left contacts in the text of a road appeal; the road agency that owns the segment must not read them.
const TEXT =
  'Яма у дома 12, кв. 45. Звоните +7 (912) 345-67-89 или 8 (3532) 77-12-34, тел. 77-56-78, почта ivan.petrov@mail.ru, t.me/ivan_orb';
const SECRETS = ['345-67-89', '77-12-34', '77-56-78', 'ivan.petrov@mail.ru', 't.me/ivan_orb'];

describe.skipIf(!BASE_URL || !E2E_DB)(
  'GET /api/roads/segments/{id}: appeal text without contacts for a road agency',
  () => {
    const db = new pg.Client({ connectionString: E2E_DB });
    let segment: number;
    let appeal: number;
    beforeAll(async () => {
      await db.connect();
      [{ id: segment }] = (
        await db.query<{ id: number }>(`SELECT id FROM road_segments WHERE owner = 'municipal' ORDER BY id LIMIT 1`)
      ).rows;
      // Newer than every demo appeal, so it heads the segment's list.
      [{ id: appeal }] = (
        await db.query<{ id: number }>(
          `INSERT INTO appeals (source_id, external_id, channel, created_at, status, topic, is_gratitude, text, road_segment_id, raw, content_hash)
       SELECT s.id, $1, 'portal', (SELECT max(created_at) FROM appeals) + interval '1 minute', 'new', 'roads', false, $2, $3, '{}', 'e2e'
       FROM sources s ORDER BY s.id LIMIT 1 RETURNING id`,
          [`e2e-redact-${Date.now()}`, TEXT, segment],
        )
      ).rows;
    });
    afterAll(async () => {
      if (appeal) await db.query('DELETE FROM appeals WHERE id = $1', [appeal]);
      await db.end();
    });

    const textAs = async (role: 'road_agency' | 'admin') => {
      const res = await fetch(url(`/api/roads/segments/${segment}`), {
        headers: { cookie: await sessionCookie(role) },
      });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { appeals: { id: number; text: string | null }[] };
      return body.appeals.find((a) => Number(a.id) === Number(appeal))?.text;
    };

    it('the road agency reads the complaint with phones, e-mail and profile removed; an admin reads it as written', async () => {
      const text = await textAs('road_agency');
      expect(text).toContain('Яма у дома 12, кв. 45.');
      for (const s of SECRETS) expect(text, `contains ${s}`).not.toContain(s);
      expect(text).toContain('[телефон скрыт]');
      expect(await textAs('admin')).toBe(TEXT);
    });
  },
);
