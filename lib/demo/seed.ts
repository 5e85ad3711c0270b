import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import type { Database, Session } from '../../db';
import {
  insertDemoPlans,
  insertDemoPoint,
  insertDemoRoads,
  noAppeals,
  upsertDemoBoundaries,
  upsertDemoSource,
  upsertSettlements,
} from '../../db/queries/demoSeed';
import { appealIdsWithoutMunicipality } from '../../db/queries/spatial';
import { importAppeals } from '../ingest/appeals/importAppeals';
import { appealMappingSchema, parseMapping } from '../ingest/mapping';
import { assignBoundaries } from '../enrich/spatial';
import { upsertUser } from '../auth/users';
import { MUNICIPALITIES } from './region-data';
import { seedGazetteer } from './seedGazetteer';
import { demoAppeals, demoBoundaries, demoPlans, demoPoints, demoRoads, type DemoAppeal } from './index';

export interface SeedOptions {
  appeals?: number;
  onProgress?: (n: number) => void;
}

const DEMO_SOURCES: Record<string, string> = {
  incident_management: '«Инцидент Менеджмент» (соцсети) — демо',
  pos_gosuslugi: 'ПОС «Госуслуги. Решаем вместе» — демо',
  active_citizen: '«Активный гражданин» — демо',
  chatbot: 'Чат-бот — демо',
  hotline: 'Горячая линия — демо',
};

/** The mapping the demo NDJSON files use: the same importer path as any foreign source. */
function demoMapping(source: string) {
  return parseMapping(
    appealMappingSchema,
    {
      source,
      source_name: DEMO_SOURCES[source],
      fields: {
        external_id: 'externalId',
        created_at: 'createdAt',
        closed_at: 'closedAt',
        status: 'status',
        topic: 'topic',
        is_gratitude: 'isGratitude',
        text: 'text',
        address: 'address',
        street: 'street',
        house: 'house',
        lat: 'lat',
        lon: 'lon',
        author: 'author',
        channel: 'channel',
      },
    },
    `demo:${source}`,
  );
}

async function seedBoundaries(db: Database): Promise<number> {
  const all = demoBoundaries();
  await db.transaction(async (s) => {
    await upsertDemoBoundaries(s, all);
    await seedSettlements(s);
  });
  return all.length;
}

/** The municipality seats as the basemap's settlements (names without 'г.'/'п.'/'с.'; cities from 100 k people). */
async function seedSettlements(s: Session) {
  const seats = [...new Map(MUNICIPALITIES.map((m) => [m.seat.name, m.seat])).values()];
  await upsertSettlements(s, {
    names: seats.map((x) => x.name.replace(/^(г|п|с|пгт)\.\s*/, '')),
    kinds: seats.map((x) => (!x.name.startsWith('г.') ? 'village' : x.pop >= 100 ? 'city' : 'town')),
    pops: seats.map((x) => Math.round(x.pop * 1000)),
    lons: seats.map((x) => x.lon),
    lats: seats.map((x) => x.lat),
  });
}

async function seedRoadsAndPlans(db: Database): Promise<{ roads: number; plans: number }> {
  const roads = demoRoads();
  const plans = demoPlans(roads);
  await db.transaction(async (s) => {
    const src = await upsertDemoSource(s, 'demo_roads', 'Дорожная сеть Оренбурга — демо', 'roads');
    await insertDemoRoads(
      s,
      src,
      stringify(
        roads.map((r) => [r.externalId, r.name, r.roadClass, r.owner, r.rating ?? '', JSON.stringify(r.geometry)]),
      ),
    );
    const psrc = await upsertDemoSource(s, 'demo_plans', 'План ремонта дорог — демо', 'plans');
    await insertDemoPlans(
      s,
      psrc,
      src,
      stringify(
        plans.map((p) => [
          p.externalId,
          p.segmentExternalId,
          p.year,
          p.status,
          p.workType,
          p.completedAt ?? '',
          p.warrantyUntil ?? '',
        ]),
      ),
    );
  });
  return { roads: roads.length, plans: plans.length };
}

async function seedPoints(db: Database): Promise<number> {
  const points = demoPoints();
  await db.transaction(async (s) => {
    const src = await upsertDemoSource(s, 'demo_points', 'Пункты вакцинации — демо', 'points');
    for (const p of points) await insertDemoPoint(s, src, p, JSON.stringify(p));
  });
  return points.length;
}

/** Writes the generated appeals into one NDJSON file per source, then imports each through the real importer. */
export async function seedAppeals(db: Database, count: number, onProgress?: (n: number) => void) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pmap-demo-'));
  const fds = new Map<string, number>();
  let n = 0;
  try {
    let buf = new Map<string, string[]>();
    const flush = () => {
      for (const [src, lines] of buf) fs.writeSync(fds.get(src)!, lines.join(''));
      buf = new Map();
    };
    for (const a of demoAppeals({ count }) as Iterable<DemoAppeal>) {
      if (!fds.has(a.source)) fds.set(a.source, fs.openSync(path.join(dir, `${a.source}.ndjson`), 'w'));
      const lines = buf.get(a.source) ?? [];
      lines.push(`${JSON.stringify(a)}\n`);
      buf.set(a.source, lines);
      if (++n % 20000 === 0) flush();
    }
    flush();
    for (const fd of fds.values()) fs.closeSync(fd);
    const totals = { read: 0, inserted: 0, updated: 0, unchanged: 0, rejected: 0 };
    let done = 0;
    for (const src of [...fds.keys()].sort()) {
      const r = await importAppeals(db, path.join(dir, `${src}.ndjson`), {
        // The demo is shown at once: its problems too, even when a source is big enough to group after the commit.
        mapping: demoMapping(src),
        format: 'ndjson',
        batchSize: 10000,
        waitForGrouping: true,
        rejectsPath: path.join(dir, `${src}.rejects.csv`),
        onProgress: onProgress ? (k) => onProgress(done + k) : undefined,
      });
      done += r.read;
      for (const k of Object.keys(totals) as (keyof typeof totals)[]) totals[k] += r[k];
    }
    return totals;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Demo accounts: they exist only in databases seeded with the demo (README lists them). */
export const DEMO_USERS = [
  { email: 'admin@demo.pmap', password: 'demo-admin-2026', role: 'admin' },
  { email: 'analyst@demo.pmap', password: 'demo-analyst-2026', role: 'analyst' },
  { email: 'road@demo.pmap', password: 'demo-road-2026', role: 'road_agency', owner: 'municipal' },
] as const;

/** Loads the whole demo dataset; every part is keyed, so a second run inserts nothing. */
export async function seedDemo(db: Database, o: SeedOptions = {}) {
  for (const u of DEMO_USERS) await upsertUser(db, { ...u });
  const boundaries = await seedBoundaries(db);
  const { roads, plans } = await seedRoadsAndPlans(db);
  const addresses = await seedGazetteer(db); // before anything that geocodes: points and appeals without coordinates
  const points = await seedPoints(db);
  const appeals = await seedAppeals(db, o.appeals ?? 200_000, o.onProgress);
  await db.transaction((s) => assignBoundaries(s, appealIdsWithoutMunicipality));
  return {
    boundaries,
    roads,
    plans,
    points,
    addresses,
    appeals: appeals.read,
    appeals_inserted: appeals.inserted,
    appeals_rejected: appeals.rejected,
  };
}

export async function isEmpty(db: Database): Promise<boolean> {
  return noAppeals(db);
}
