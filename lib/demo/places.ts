/** Where an appeal comes from: a point and the address a resident would write for it. */
import type { Topic } from '../domain/vocab';
import { houseAlong, houseNumber, streetName, type Where } from './address';
import { alongPolyline, round6, type Km } from './geo';
import { activity, CITY_HOTSPOTS, TOWN_HOTSPOTS, type TownHotspot } from './hotspots';
import type { Network, NetworkSegment, TownNetwork } from './network';
import type { RepairProject } from './plans';
import { cumulative, nth, pickIndex, type Rng } from './rng';
import type { PeriodMonth } from './timeline';
import type { DemoRoad } from './types';
import { DAY_MS as DAY } from '../domain/days';

/** A sampled location; lat/lon always set here, the caller decides whether to publish them. */
export interface Place {
  where: Where;
  lat: number;
  lon: number;
}

/** Share of appeals from the city of Orenburg; the rest go to other settlements by population. */
const CITY_SHARE = 0.7;

// Houses stand further apart on highways than in courtyards.
const HOUSE_FACTOR: Record<DemoRoad['roadClass'], number> = {
  primary: 0.5,
  secondary: 1,
  tertiary: 1.2,
  residential: 1.3,
};

/** Complaint and thank-you weight of a segment under repair, by month: complaints pile up until the repair, thanks follow it. */
function projectWeight(p: RepairProject, month: PeriodMonth, gratitude: boolean): number {
  if (p.status === 'planned') return gratitude ? 0.02 : 0.8 + 2.2 * month.progress;
  if (p.status === 'in_progress') return gratitude ? 0.3 : 2.5;
  const done = Date.parse(`${p.completedAt ?? '2000-01-01'}T12:00:00Z`);
  const since = (month.middle - done) / DAY;
  if (gratitude) return since >= 0 && since < 120 ? 4 : 0.05;
  return since < 0 ? 1.5 + 1.5 * Math.max(0, 1 - -since / 365) : 0.08;
}

/** A town's sampling tables: houses by segment, and each hotspot's street and position along it. */
interface TownTables {
  net: TownNetwork;
  houseCum: Float64Array;
  hot: Map<TownHotspot, { si: number; d: number }>;
}

/** Nearest point of a street to (x, y), as km along it (vertex-exact is close enough for a hotspot's centre). */
function nearestAlong(line: readonly Km[], x: number, y: number): number {
  let best = Infinity;
  let at = 0;
  let acc = 0;
  for (let i = 0; i < line.length; i++) {
    const p = line[i];
    const q = line[i - 1];
    if (!p) continue;
    if (q) acc += Math.hypot(p[0] - q[0], p[1] - q[1]);
    const d = Math.hypot(p[0] - x, p[1] - y);
    if (d < best) {
      best = d;
      at = acc;
    }
  }
  return at;
}

function townTables(net: TownNetwork): TownTables {
  const { streets, segments } = net;
  const houseCum = cumulative(
    segments.map((s) => (s.to - s.from) * HOUSE_FACTOR[streets[s.streetIndex]?.spec.roadClass ?? 'tertiary']),
  );
  const hot = new Map<TownHotspot, { si: number; d: number }>();
  for (const h of TOWN_HOTSPOTS) {
    if (h.settlement !== net.seat.name) continue;
    const si = streets.findIndex((s) => s.spec.name === h.street);
    const street = streets[si];
    if (street) hot.set(h, { si, d: nearestAlong(street.line, h.dx, h.dy) });
  }
  return { net, houseCum, hot };
}

/** Samples a place for a topic, thank-you flag and month index of the timeline. */
export type PlaceSampler = (topic: Topic, gratitude: boolean, month: number, rng: Rng) => Place;

/** Builds a sampler over the given network, roads and repair projects for the months of a timeline. */
export function makePlaceSampler(
  network: Network,
  towns: readonly TownNetwork[],
  roads: readonly DemoRoad[],
  projects: readonly RepairProject[],
  months: readonly PeriodMonth[],
): PlaceSampler {
  const { frame, streets, segments } = network;
  const streetIndex = new Map(streets.map((s, i) => [s.spec.name, i]));
  const rating = new Map(roads.map((r) => [r.externalId, r.rating]));
  const houseCum = cumulative(
    segments.map((s) => (s.to - s.from) * HOUSE_FACTOR[streets[s.streetIndex]?.spec.roadClass ?? 'tertiary']),
  );
  const badCum = cumulative(segments.map((s) => (s.to - s.from) * Math.pow(6 - (rating.get(s.externalId) ?? 3), 1.5)));
  const segById = new Map(segments.map((s) => [s.externalId, s]));
  const projectSegs: { seg: NetworkSegment; project: RepairProject }[] = projects.flatMap((project) =>
    project.segmentIds.flatMap((id) => {
      const seg = segById.get(id);
      return seg ? [{ seg, project }] : [];
    }),
  );
  const roadTables = months.map((m) => ({
    complaint: cumulative(projectSegs.map((p) => projectWeight(p.project, m, false))),
    gratitude: cumulative(projectSegs.map((p) => projectWeight(p.project, m, true))),
  }));
  const hotByTopic = new Map<Topic, (typeof CITY_HOTSPOTS)[number][]>();
  for (const h of CITY_HOTSPOTS) hotByTopic.set(h.topic, [...(hotByTopic.get(h.topic) ?? []), h]);
  const hotTables = months.map((m) => {
    const out = new Map<Topic, Float64Array>();
    for (const [topic, list] of hotByTopic)
      out.set(topic, cumulative(list.map((h) => h.weight * activity(h.profile, m.progress))));
    return out;
  });
  const town = towns.map(townTables);
  const townCum = cumulative(towns.map((t) => t.seat.pop));

  const toPlace = (x: number, y: number, where: Where): Place => {
    const [lon, lat] = frame.toLonLat(x, y);
    return { where, lat: round6(lat), lon: round6(lon) };
  };

  /** A point on street `si` at `d` km; `line`/`lineFrom` let callers walk a short segment instead of the street. */
  const onStreet = (si: number, d: number, offset: number, rng: Rng, line?: readonly Km[], lineFrom = 0): Place => {
    const street = nth(streets, si);
    const [x, y] = alongPolyline(line ?? street.line, d - lineFrom, offset);
    const n = houseAlong(d, street.length, offset > 0);
    return toPlace(x, y, {
      settlement: 'г. Оренбург',
      district: null,
      street: streetName(street.spec.name),
      house: houseNumber(n, rng),
    });
  };

  const onSegment = (seg: NetworkSegment, offset: number, rng: Rng): Place =>
    onStreet(seg.streetIndex, seg.from + rng.next() * (seg.to - seg.from), offset, rng, seg.line, seg.from);

  const inCity = (topic: Topic, gratitude: boolean, m: number, rng: Rng): Place => {
    const u = rng.next();
    if (topic === 'roads') {
      const table = roadTables[m]?.[gratitude ? 'gratitude' : 'complaint'];
      const pick = table && (table[table.length - 1] ?? 0) > 0 ? projectSegs[pickIndex(table, rng.next())] : undefined;
      // Within 12 m of the centre line: on the carriageway or its kerb.
      if (pick && u < (gratitude ? 0.6 : 0.3)) return onSegment(pick.seg, rng.range(-0.012, 0.012), rng);
      if (u < 0.5) return onSegment(nth(segments, pickIndex(badCum, rng.next())), rng.range(-0.012, 0.012), rng);
    }
    const list = hotByTopic.get(topic);
    const table = hotTables[m]?.get(topic);
    if (list && table && u < (topic === 'roads' ? 0.7 : 0.5) && (table[table.length - 1] ?? 0) > 0) {
      const h = list[pickIndex(table, rng.next())];
      const si = h ? streetIndex.get(h.street) : undefined;
      const street = si === undefined ? undefined : streets[si];
      if (h && si !== undefined && street) {
        const d = Math.max(0, Math.min(street.length, h.at * street.length + (rng.normal() * h.sigma) / 1000));
        const side =
          topic === 'roads'
            ? rng.range(-0.012, 0.012)
            : Math.max(-0.3, Math.min(0.3, (rng.normal() * Math.min(h.sigma, 120)) / 1000));
        return onStreet(si, d, side, rng);
      }
    }
    const seg = nth(segments, pickIndex(topic === 'roads' ? badCum : houseCum, rng.next()));
    const offset = topic === 'roads' ? rng.range(-0.012, 0.012) : (rng.chance(0.5) ? 1 : -1) * rng.range(0.015, 0.06);
    return onSegment(seg, offset, rng);
  };

  const townHot = (settlement: string, topic: Topic, m: PeriodMonth | undefined): TownHotspot | undefined =>
    TOWN_HOTSPOTS.find(
      (h) => h.settlement === settlement && h.topic === topic && activity(h.profile, m?.progress ?? 0) > 0.2,
    );

  /** A house (or, for road complaints, the carriageway) on a street of a town, numbered as its gazetteer numbers it. */
  const inTown = (topic: Topic, m: number, rng: Rng): Place => {
    const t = nth(town, pickIndex(townCum, rng.next()));
    const { seat, district, frame: local, streets: ts } = t.net;
    const offset = topic === 'roads' ? rng.range(-0.012, 0.012) : (rng.chance(0.5) ? 1 : -1) * rng.range(0.015, 0.06);
    const hot = townHot(seat.name, topic, months[m]);
    const at = hot && rng.chance(0.5) ? t.hot.get(hot) : undefined;
    let si: number;
    let d: number;
    if (at) {
      const street = nth(ts, at.si);
      si = at.si;
      d = Math.max(0, Math.min(street.length, at.d + rng.normal() * hot!.sigma));
    } else {
      const seg = nth(t.net.segments, pickIndex(t.houseCum, rng.next()));
      si = seg.streetIndex;
      d = seg.from + rng.next() * (seg.to - seg.from);
    }
    const street = nth(ts, si);
    const [x, y] = alongPolyline(street.line, d, offset);
    const [lon, lat] = local.toLonLat(x, y);
    // Villagers sometimes give only the village.
    const named = seat.name.startsWith('г. ') || !rng.chance(0.05);
    const house = named ? houseNumber(houseAlong(d, street.length, offset > 0), rng) : null;
    return {
      where: { settlement: seat.name, district, street: named ? streetName(street.spec.name) : null, house },
      lat: round6(lat),
      lon: round6(lon),
    };
  };

  return (topic: Topic, gratitude: boolean, m: number, rng: Rng): Place =>
    rng.next() < CITY_SHARE ? inCity(topic, gratitude, m, rng) : inTown(topic, m, rng);
}
