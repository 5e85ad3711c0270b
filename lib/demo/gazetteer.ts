/**
 * The demo address register: every house along the demo streets of Orenburg and the other municipality seats, numbered the way the appeal generator
 * numbers them (lib/demo/address.ts houseAlong: odd on the right, even on the left, growing along the street), so
 * demo appeals without coordinates geocode back to where they were generated. Pure and deterministic.
 */
import { houseAlong, houseStep, streetName } from './address';
import { alongPolyline, round6 } from './geo';
import { buildNetwork, buildTowns, type Network } from './network';
import { makeRng } from './rng';

export interface DemoAddress {
  text: string;
  /** The settlement as the register names it: 'Оренбург', 'Орск', 'Саракташ'. */
  locality: string;
  street: string;
  house: string;
  lat: number;
  lon: number;
}

/** Houses stand this far from the centre line, in km. */
const SETBACK = 0.025;

/** Each house number once on both sides of every street, plus some "А" and корпус entries beside their main building. */
export function demoGazetteer(): DemoAddress[] {
  const rng = makeRng('gazetteer');
  const out: DemoAddress[] = [];
  const towns: [string, Network][] = [
    ['г. Оренбург', buildNetwork()],
    ...buildTowns().map((t): [string, Network] => [t.seat.name, t]),
  ];
  for (const [settlement, { frame, streets }] of towns) {
    const locality = settlement.replace(/^(г|п|с|пгт)\.\s*/, '');
    for (const street of streets) {
      const name = streetName(street.spec.name);
      const step = houseStep(street.length);
      const add = (house: string, d: number, offset: number) => {
        const [x, y] = alongPolyline(street.line, Math.min(street.length, d), offset);
        const [lon, lat] = frame.toLonLat(x, y);
        out.push({
          text: `${settlement}, ${name.abbr}, ${house}`,
          locality,
          street: street.spec.name,
          house,
          lat: round6(lat),
          lon: round6(lon),
        });
      };
      for (let k = 0; k * step <= street.length; k++) {
        const d = (k + 0.5) * step;
        for (const left of [false, true]) {
          const offset = left ? SETBACK : -SETBACK;
          const n = houseAlong(d, street.length, left);
          add(String(n), d, offset);
          // A second building on some plots: "12А" a little further on, or "12 к2" behind the first.
          const u = rng.next();
          if (u < 0.04) add(`${n}А`, d + step * 0.3, offset);
          else if (u < 0.06) add(`${n} к2`, d, offset * 2);
        }
      }
    }
  }
  return out;
}
