import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { APP } from '../helpers/routes';
import { adminRouteSession, ROUTE_BASE } from '../helpers/routeSession';

/*
 * Issue 25, the export layer (lib/export): every download route answers with the same headers — the content type of
 * its format, `attachment; filename="…"`, `private, no-store` — and the one BOM rule: a CSV for a spreadsheet (the
 * road priorities) starts with a BOM, a CSV programs read by column name (the appeals export, the corrections
 * report) does not.
 */
// The route modules import 'server-only', which only Next's react-server condition resolves.
vi.mock('server-only', () => ({}));

const BASE = ROUTE_BASE;
type Handler = (req: Request) => Promise<Response>;
let cookie = '';
let close: (() => Promise<void>) | undefined;

beforeAll(async () => {
  ({ cookie, close } = await adminRouteSession('export_routes'));
}, 180_000);

afterAll(async () => {
  await close?.();
});

async function get(pattern: string, query: string): Promise<{ res: Response; bytes: Buffer }> {
  const mod = (await import(/* @vite-ignore */ path.join(APP, pattern, 'route.ts'))) as Record<string, Handler>;
  const res = await mod.GET(
    new Request(`${BASE}${pattern}?${query}`, { headers: { origin: BASE, host: 'localhost:3000', cookie } }),
  );
  return { res, bytes: Buffer.from(await res.arrayBuffer()) };
}

const today = () => new Date().toISOString().slice(0, 10);
const BOM = Buffer.from('\uFEFF', 'utf8');

describe('download routes share lib/export headers and BOM rule', () => {
  it('/api/appeals/export: CSV without BOM (scripts read its columns by name), dated name, row count', async () => {
    const { res, bytes } = await get('/api/appeals/export', 'format=csv&from=2025-01-01&to=2025-01-31');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="appeals-${today()}.csv"`);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    expect(res.headers.get('x-export-rows')).toBe('0');
    expect(res.headers.get('content-length')).toBe(String(bytes.length));
    expect(bytes.toString('utf8').split('\n')[0]).toMatch(/^source,external_id,created_at,/);
  });

  it('/api/appeals/export: GeoJSON and XLSX content types', async () => {
    const gj = await get('/api/appeals/export', 'format=geojson&from=2025-01-01&to=2025-01-31');
    expect(gj.res.headers.get('content-type')).toBe('application/geo+json');
    expect(JSON.parse(gj.bytes.toString('utf8'))).toEqual({ type: 'FeatureCollection', features: [] });
    const x = await get('/api/appeals/export', 'format=xlsx&from=2025-01-01&to=2025-01-31');
    expect(x.res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(x.res.headers.get('content-disposition')).toBe(`attachment; filename="appeals-${today()}.xlsx"`);
    expect(x.bytes.subarray(0, 2).toString('latin1')).toBe('PK');
  });

  it('/api/roads/export: CSV with BOM, the same headers', async () => {
    const { res, bytes } = await get('/api/roads/export', 'format=csv');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="priorities.csv"');
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    expect(res.headers.get('x-export-rows')).toBe('0');
    expect(bytes.subarray(0, 3)).toEqual(BOM);
  });

  it('/api/appeals/corrections: a CSV for a program, no BOM', async () => {
    const { res, bytes } = await get('/api/appeals/corrections', 'format=csv');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="topic-corrections-${today()}.csv"`);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    expect(bytes.toString('utf8')).toBe(
      'appeal_id,text,machine_topic,machine_confidence,topic,corrected_by,corrected_at\n',
    );
  });
});
