/**
 * Links that open a route to a point in the citizen's own maps app: plain links the user clicks (nothing is fetched
 * by the page). Yandex Maps builds the route from the user's location to `lat,lon`; 2GIS likewise.
 */
export function routeLinks(lat: number, lon: number): { yandex: string; twoGis: string } {
  const la = lat.toFixed(6);
  const lo = lon.toFixed(6);
  return {
    yandex: `https://yandex.ru/maps/?rtext=~${la},${lo}&rtt=auto`,
    twoGis: `https://2gis.ru/routeSearch/rsType/car/to/${lo},${la}`,
  };
}

export type Booking = 'walkIn' | 'appointments' | 'either' | null;

/** One phrase for how to get vaccinated: walk-in, by appointment, either, or nothing known. */
export function booking(walkIn: boolean | null, appointments: boolean | null): Booking {
  if (walkIn && appointments) return 'either';
  if (walkIn) return 'walkIn';
  return appointments ? 'appointments' : null;
}
