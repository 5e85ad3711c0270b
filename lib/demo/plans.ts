/** Road repair programme 2024–2026: which segments were repaired, are being repaired, or are planned. */
import { makeRng, weighted } from './rng';
import type { DemoPlan, DemoRoad } from './types';
import { DAY_MS, isoDay } from '../domain/days';

/** What the project picker needs to know about a segment; ratings are deliberately excluded (they depend on it). */
export type SegmentRef = Pick<DemoRoad, 'externalId' | 'name' | 'roadClass'>;

/** One repair contract covering a run of consecutive segments of a street. */
export interface RepairProject {
  year: number;
  status: DemoPlan['status'];
  workType: string;
  completedAt: string | null;
  warrantyUntil: string | null;
  segmentIds: string[];
}

const SCHEDULE: readonly [year: number, status: DemoPlan['status'], projects: number][] = [
  [2024, 'done', 8],
  [2025, 'done', 9],
  [2026, 'done', 5],
  [2026, 'in_progress', 3],
  [2026, 'planned', 4],
];

// Capital works carry the five-year warranty of regional road contracts; lighter works four.
const WORK_TYPES: readonly [name: string, weight: number, warrantyYears: number][] = [
  ['ремонт асфальтобетонного покрытия', 5, 4],
  ['капитальный ремонт', 2, 5],
  ['ямочный ремонт', 2, 4],
  ['ремонт с заменой бордюрного камня', 2, 4],
  ['реконструкция', 1, 5],
  ['ремонт с устройством тротуара', 1, 4],
];

/** Groups segment ids by street, keeping the order in which streets first appear. */
function byStreet(segments: readonly SegmentRef[]): { weight: number; ids: string[] }[] {
  const groups = new Map<string, { weight: number; ids: string[] }>();
  for (const s of segments) {
    const g = groups.get(s.name) ?? {
      weight: s.roadClass === 'primary' || s.roadClass === 'secondary' ? 2 : 1,
      ids: [],
    };
    g.ids.push(s.externalId);
    groups.set(s.name, g);
  }
  return [...groups.values()];
}

/**
 * Picks repair projects deterministically from the segment list alone, so `demoRoads` (to set ratings) and
 * `demoPlans` (to list them) agree without sharing state.
 */
export function repairProjects(segments: readonly SegmentRef[]): RepairProject[] {
  const rng = makeRng('plans');
  // The programme is the city's: Orenburg's segments only (town streets repeat names across towns).
  const streets = byStreet(segments.filter((s) => s.externalId.startsWith('ORB-')));
  const used = new Set<string>();
  const projects: RepairProject[] = [];
  for (const [year, status, count] of SCHEDULE) {
    for (let p = 0; p < count; p++) {
      for (let attempt = 0; attempt < 30; attempt++) {
        const street = weighted(
          rng,
          streets.map((g) => [g, g.weight * Math.sqrt(g.ids.length)] as const),
        );
        const run = Math.min(street.ids.length, rng.int(2, 6));
        const start = rng.int(0, street.ids.length - run);
        const ids = street.ids.slice(start, start + run);
        if (ids.some((id) => used.has(id))) continue;
        ids.forEach((id) => used.add(id));
        const [workType, , warrantyYears] = weighted(
          rng,
          WORK_TYPES.map((w) => [w, w[1]] as const),
        );
        let completedAt: string | null = null;
        let warrantyUntil: string | null = null;
        if (status === 'done') {
          // Road season: mid-May to late October.
          const done = Date.UTC(year, 4, 15) + rng.int(0, 158) * DAY_MS;
          completedAt = isoDay(done);
          const until = new Date(done);
          until.setUTCFullYear(year + warrantyYears);
          warrantyUntil = isoDay(until.getTime());
        }
        projects.push({ year, status, workType, completedAt, warrantyUntil, segmentIds: ids });
        break;
      }
    }
  }
  return projects;
}

/** Repair plan entries, one per segment of each project (about a hundred for the demo network). */
export function demoPlans(roads: DemoRoad[]): DemoPlan[] {
  const plans: DemoPlan[] = [];
  repairProjects(roads).forEach((project, p) => {
    project.segmentIds.forEach((segmentExternalId, k) => {
      plans.push({
        externalId: `RP-${project.year}-${String(p + 1).padStart(2, '0')}-${k + 1}`,
        segmentExternalId,
        year: project.year,
        status: project.status,
        workType: project.workType,
        completedAt: project.completedAt,
        warrantyUntil: project.warrantyUntil,
      });
    });
  });
  return plans;
}
