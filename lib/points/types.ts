import type { Weekday, WeekHours } from '../hours/types';

/** The public fields of a point, as the store hands them over and the list shows them. */
export interface PointFields {
  id: number;
  lon: number;
  lat: number;
  name: string;
  address: string | null;
  walkIn: boolean | null;
  appointments: boolean | null;
  accessible: boolean | null;
  vaccines: string[];
}

/** A point as the public list and map use it: only public fields, hours already parsed. */
export interface PublicPoint extends PointFields {
  /** Canonical day texts, as stored. */
  hoursText: Record<Weekday, string>;
  hours: WeekHours;
  timezone: string;
  /** 'YYYY-MM-DD' or null. */
  verifiedAt: string | null;
}

/** One point in full, for its details: adds the point's own phone and website. */
export interface PublicPointDetails {
  id: number;
  name: string;
  address: string | null;
  lon: number;
  lat: number;
  phone: string | null;
  url: string | null;
  walk_in: boolean | null;
  appointments: boolean | null;
  accessible: boolean | null;
  vaccines: string[];
  hours: Record<Weekday, string>;
  timezone: string;
  verified_at: string | null;
}
