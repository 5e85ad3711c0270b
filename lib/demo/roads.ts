/** Road segments of Orenburg with class, owner and a condition rating consistent with the repair programme. */
import { buildNetwork, buildTowns } from './network';
import { repairProjects } from './plans';
import { makeRng } from './rng';
import type { DemoRoad } from './types';

// Federal roads are kept best, courtyard streets worst; the numbers are the mean rating before noise.
const BASE_RATING: Record<DemoRoad['roadClass'], number> = {
  primary: 3.8,
  secondary: 3.0,
  tertiary: 2.8,
  residential: 2.5,
};

/**
 * Street segments of Orenburg ('ORB-0001'…) and of the other municipality seats ('T02-0001'…), mostly one block
 * (100–250 m) each. Ratings: segments repaired in 2024–2026 score 4–5, segments waiting for repair 1–2, the rest vary
 * around their class mean; about one in ten is not surveyed (null).
 */
export function demoRoads(): DemoRoad[] {
  const rng = makeRng('roads/rating');
  const roads: DemoRoad[] = [];
  for (const network of [buildNetwork(), ...buildTowns()]) {
    const streetBias = network.streets.map(() => rng.normal() * 0.5);
    for (const seg of network.segments) {
      const street = network.streets[seg.streetIndex];
      if (!street) throw new Error(`segment ${seg.externalId} has no street`);
      const { name, roadClass, owner } = street.spec;
      const raw = BASE_RATING[roadClass] + (streetBias[seg.streetIndex] ?? 0) + rng.normal() * 0.8;
      const rating = rng.chance(0.1) ? null : Math.max(1, Math.min(5, Math.round(raw)));
      roads.push({
        externalId: seg.externalId,
        name,
        roadClass,
        owner,
        rating,
        geometry: { type: 'LineString', coordinates: seg.coordinates },
      });
    }
  }
  const byId = new Map(roads.map((r) => [r.externalId, r]));
  for (const project of repairProjects(roads)) {
    for (const id of project.segmentIds) {
      const road = byId.get(id);
      if (!road) continue;
      road.rating = project.status === 'done' ? rng.int(4, 5) : rng.int(1, 2);
    }
  }
  return roads;
}
