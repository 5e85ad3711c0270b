/** About a hundred vaccination points: Orenburg clinics and mobile teams, town hospitals, village ФАПы. */
import { houseAlong, houseNumber, streetName } from './address';
import { orenburgPolygon } from './boundaries';
import { alongPolyline, inRing, localFrame, round6 } from './geo';
import { buildNetwork } from './network';
import { FAP_VILLAGES, GENITIVE, ORENBURG_CLINICS, ORENBURG_MOBILE } from './points-data';
import { districtLabel, MUNICIPALITIES, REGION_OUTLINE, type MunicipalitySpec } from './region-data';
import { cumulative, makeRng, nth, pickIndex, weighted, type Rng } from './rng';
import { townStreets } from './town-streets';
import type { DemoPoint, Weekday } from './types';
import { DAY_MS, isoDay } from '../domain/days';

type Kind = 'clinic' | 'children' | 'fap' | 'mobile';

const VACCINE_ODDS: Record<Kind, readonly [string, number][]> = {
  clinic: [
    ['flu', 0.95],
    ['covid', 0.7],
    ['measles', 0.75],
    ['hepatitis_b', 0.6],
    ['tick_borne_encephalitis', 0.35],
  ],
  children: [
    ['flu', 0.9],
    ['covid', 0.2],
    ['measles', 1],
    ['hepatitis_b', 0.9],
    ['tick_borne_encephalitis', 0.3],
  ],
  fap: [
    ['flu', 0.9],
    ['covid', 0.3],
    ['measles', 0.4],
    ['hepatitis_b', 0.3],
    ['tick_borne_encephalitis', 0.2],
  ],
  mobile: [
    ['covid', 0.95],
    ['flu', 0.9],
  ],
};

type Day = readonly (readonly [string, number])[];
// Weekday / Saturday / Sunday patterns per kind of point; '' means the source did not say.
const HOURS: Record<Kind, { week: Day; sat: Day; sun: Day }> = {
  clinic: {
    week: [
      ['08:00-20:00', 4],
      ['07:30-19:30', 2],
      ['08:00-19:00', 2],
      ['08:00-14:00,15:00-19:00', 1],
    ],
    sat: [
      ['09:00-14:00', 3],
      ['08:00-13:00', 2],
      ['closed', 2],
      ['', 0.5],
    ],
    sun: [
      ['closed', 8],
      ['', 1],
      ['09:00-13:00', 1],
    ],
  },
  children: {
    week: [
      ['08:00-18:00', 3],
      ['08:00-13:00,14:00-18:00', 2],
    ],
    sat: [
      ['09:00-13:00', 2],
      ['closed', 3],
    ],
    sun: [['closed', 1]],
  },
  fap: {
    week: [
      ['08:00-16:00', 3],
      ['09:00-13:00,14:00-17:00', 3],
      ['08:00-12:00,13:00-16:00', 2],
    ],
    sat: [
      ['closed', 6],
      ['', 1],
    ],
    sun: [
      ['closed', 6],
      ['', 1],
    ],
  },
  mobile: {
    week: [
      ['10:00-19:00', 2],
      ['10:00-18:00', 2],
    ],
    sat: [
      ['10:00-19:00', 2],
      ['10:00-16:00', 1],
    ],
    sun: [
      ['10:00-16:00', 2],
      ['closed', 1],
      ['', 1],
    ],
  },
};

const WEEKDAYS: readonly Weekday[] = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'];
const VERIFIED_BEFORE = Date.UTC(2026, 10, 1);

function hours(kind: Kind, rng: Rng): Record<Weekday, string> {
  const p = HOURS[kind];
  const week = weighted(rng, p.week);
  const saturday = weighted(rng, p.sat);
  const sunday = weighted(rng, p.sun);
  // A part-time feldsher often has one day off in the middle of the week.
  const dayOff = kind === 'fap' && rng.chance(0.15) ? rng.pick(WEEKDAYS) : null;
  const day = (d: Weekday): string => (d === dayOff ? 'closed' : week);
  return {
    monday: day('monday'),
    tuesday: day('tuesday'),
    wednesday: day('wednesday'),
    thursday: day('thursday'),
    friday: day('friday'),
    saturday,
    sunday,
  };
}

function phone(code: string, rng: Rng): string {
  const two = (): string => String(rng.int(10, 99));
  const local = code.length === 4 ? `${two()}-${two()}-${two()}` : `${rng.int(2, 7)}-${two()}-${two()}`;
  return `+7 (${code}) ${local}`;
}

function vaccines(kind: Kind, rng: Rng): string[] {
  const list = VACCINE_ODDS[kind].filter(([, p]) => rng.chance(p)).map(([v]) => v);
  return list.length > 0 ? list : ['flu'];
}

type Add = (kind: Kind, name: string, address: string, lon: number, lat: number, code: string) => void;

/** Institution title for a town or district hospital: 'ГАУЗ «ГБ» г. Орска', 'ГБУЗ «Саракташская РБ»'. */
function hospital(m: MunicipalitySpec): string {
  const town = GENITIVE[m.seat.name];
  if (town) return `ГАУЗ «ГБ» ${town}`;
  return `ГБУЗ «${m.name.replace(/(ий|ый) район$/, 'ая')} РБ»`;
}

function townAddress(m: MunicipalitySpec, rng: Rng, maxHouse: number): string {
  const street = streetName(rng.pick(townStreets(m.seat.name))).abbr;
  const house = houseNumber(rng.int(1, maxHouse), rng);
  const district = districtLabel(m);
  return district
    ? `Оренбургская обл., ${district}, ${m.seat.name}, ${street}, д. ${house}`
    : `${m.seat.name}, ${street}, д. ${house}`;
}

function townPoint(m: MunicipalitySpec, k: number, n: number, rng: Rng, add: Add): void {
  const frame = localFrame(m.seat.lon, m.seat.lat);
  const spread = 0.3 + 0.8 * Math.sqrt(m.seat.pop / 100);
  const [lon, lat] = frame.toLonLat(
    Math.max(-2, Math.min(2, rng.normal())) * spread,
    Math.max(-2, Math.min(2, rng.normal())) * spread,
  );
  const name = n > 1 ? `${hospital(m)}, поликлиника № ${k}` : `${hospital(m)}, поликлиника`;
  add(
    k === n && n > 2 ? 'children' : 'clinic',
    k === n && n > 2 ? `${hospital(m)}, детская поликлиника` : name,
    townAddress(m, rng, 120),
    lon,
    lat,
    m.seat.phoneCode,
  );
}

const CITY_RING = orenburgPolygon().coordinates[0] ?? [];

/** A ФАП 8–20 km from the district seat, in a random direction that stays inside the oblast. */
function villagePoint(m: MunicipalitySpec, village: string, rng: Rng, add: Add): void {
  const frame = localFrame(m.seat.lon, m.seat.lat);
  let lonLat = frame.toLonLat(0, 0);
  for (let attempt = 0; attempt < 20; attempt++) {
    const a = rng.next() * 2 * Math.PI;
    const r = rng.range(8, 20);
    const candidate = frame.toLonLat(Math.cos(a) * r, Math.sin(a) * r);
    // Villages of the Оренбургский район must not land inside the city itself.
    if (inRing(candidate[0], candidate[1], REGION_OUTLINE) && !inRing(candidate[0], candidate[1], CITY_RING)) {
      lonLat = candidate;
      break;
    }
  }
  const street = streetName(rng.pick(townStreets(village))).abbr;
  const district = districtLabel(m);
  const address = `Оренбургская обл., ${district ? `${district}, ` : ''}${village}, ${street}, д. ${rng.int(1, 60)}`;
  add('fap', `ФАП ${village}`, address, lonLat[0], lonLat[1], m.seat.phoneCode);
}

/** Deterministic list of about 100 points, ids 'VP-001'…, verified within the 120 days before 2026-11-01. */
export function demoPoints(): DemoPoint[] {
  const rng = makeRng('points');
  const points: DemoPoint[] = [];
  const add: Add = (kind, name, address, lon, lat, code) => {
    const id = `VP-${String(points.length + 1).padStart(3, '0')}`;
    const official = kind === 'clinic' || kind === 'children';
    points.push({
      externalId: id,
      name,
      address,
      lat: round6(lat),
      lon: round6(lon),
      phone: kind === 'mobile' ? null : rng.chance(official ? 0.95 : 0.6) ? phone(code, rng) : null,
      url: official && rng.chance(0.6) ? `https://minzdrav.orb.ru/vaccination/${id.toLowerCase()}` : null,
      walkIn: kind === 'mobile' || rng.chance(kind === 'fap' ? 0.9 : 0.6),
      accessible: rng.chance(kind === 'fap' ? 0.4 : kind === 'mobile' ? 0.7 : 0.8),
      appointments: kind !== 'mobile' && rng.chance(kind === 'fap' ? 0.5 : 0.9),
      vaccines: vaccines(kind, rng),
      hours: hours(kind, rng),
      verifiedAt: isoDay(VERIFIED_BEFORE - rng.int(1, 120) * DAY_MS),
    });
  };

  // Orenburg points stand on streets of the demo network, numbered the same way as appeal addresses.
  const { frame, streets } = buildNetwork();
  const streetCum = cumulative(streets.map((s) => s.length));
  const cityPoint = (kind: Kind, name: string): void => {
    const street = nth(streets, pickIndex(streetCum, rng.next()));
    const d = rng.next() * street.length;
    const left = rng.chance(0.5);
    const [x, y] = alongPolyline(street.line, d, left ? 0.03 : -0.03);
    const [lon, lat] = frame.toLonLat(x, y);
    const house = houseNumber(houseAlong(d, street.length, left), rng);
    add(kind, name, `г. Оренбург, ${streetName(street.spec.name).abbr}, д. ${house}`, lon, lat, '3532');
  };
  for (const c of ORENBURG_CLINICS) cityPoint(c.children ? 'children' : 'clinic', c.name);
  for (const place of ORENBURG_MOBILE) cityPoint('mobile', `Мобильный пункт вакцинации, ${place}`);

  for (const m of MUNICIPALITIES) {
    if (m.name === 'Оренбург') continue;
    const n = m.seat.name.startsWith('г. ') ? Math.max(1, Math.min(4, Math.round(m.seat.pop / 40))) : 1;
    for (let k = 1; k <= n; k++) townPoint(m, k, n, rng, add);
  }
  for (const [village, municipality] of FAP_VILLAGES) {
    const m = MUNICIPALITIES.find((x) => x.name === municipality);
    if (m) villagePoint(m, village, rng, add);
  }
  return points;
}
