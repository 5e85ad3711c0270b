/** Shapes of the demo records; they mirror the import formats so the loader can pass them through unchanged. */
import type { LineString, MultiPolygon, Polygon } from 'geojson';
import type { Channel, Status, Topic } from '../domain/vocab';

/** An administrative boundary: the oblast or one of its municipalities. */
export interface DemoBoundary {
  level: 'region' | 'municipality';
  code: string;
  name: string;
  geometry: Polygon | MultiPolygon;
}

/** One segment of a street: a block (100–250 m) in town, up to 800 m on a highway. */
export interface DemoRoad {
  externalId: string;
  name: string;
  roadClass: 'primary' | 'secondary' | 'tertiary' | 'residential';
  owner: 'federal' | 'regional' | 'municipal';
  /** Condition from 1 (destroyed) to 5 (new); null when not surveyed. */
  rating: number | null;
  geometry: LineString;
}

/** A repair plan entry for one road segment. */
export interface DemoPlan {
  externalId: string;
  segmentExternalId: string;
  year: number;
  status: 'planned' | 'in_progress' | 'done';
  workType: string;
  /** 'YYYY-MM-DD', set when done. */
  completedAt: string | null;
  /** 'YYYY-MM-DD', four or five years after completion. */
  warrantyUntil: string | null;
}

/** Weekdays in the order used by opening hours. */
export type Weekday = 'monday' | 'tuesday' | 'wednesday' | 'thursday' | 'friday' | 'saturday' | 'sunday';

/** A vaccination point. */
export interface DemoPoint {
  externalId: string;
  name: string;
  address: string;
  lat: number;
  lon: number;
  phone: string | null;
  url: string | null;
  walkIn: boolean;
  accessible: boolean;
  appointments: boolean;
  vaccines: string[];
  /** 'HH:MM-HH:MM', two such ranges joined by a comma, 'closed', or '' when unknown. */
  hours: Record<Weekday, string>;
  /** 'YYYY-MM-DD'. */
  verifiedAt: string;
}

/** A resident's message: a complaint or a thank-you. */
export interface DemoAppeal {
  source: string;
  externalId: string;
  channel: Channel;
  /** ISO 8601 in UTC with a trailing Z. */
  createdAt: string;
  closedAt: string | null;
  status: Status;
  topic: Topic;
  isGratitude: boolean;
  text: string;
  address: string;
  street: string | null;
  house: string | null;
  lat: number | null;
  lon: number | null;
  author: string;
}
