import type { ColumnType, Generated } from 'kysely';

/*
 * Row types for Kysely. Geometry columns are typed as unknown: they are only ever read through
 * ST_AsGeoJSON / ST_X / ST_Y in SQL and written through ST_GeomFromGeoJSON / ST_Point.
 */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Geometry = ColumnType<unknown, never, never>;

export interface SourcesTable {
  id: Generated<number>;
  code: string;
  name: string;
  kind: Generated<string>;
  created_at: Generated<Timestamp>;
}

export interface TopicsTable {
  code: string;
  name_ru: string;
  name_en: string;
  sort: number;
}

export interface BoundariesTable {
  id: Generated<number>;
  level: 'region' | 'municipality';
  code: string;
  name: string;
  parent_id: number | null;
  props: unknown;
  geom: Geometry;
  updated_at: Generated<Timestamp>;
}

export interface ImportJobsTable {
  id: Generated<string>;
  kind: string;
  file_name: string;
  source_id: number | null;
  mapping: unknown;
  status: Generated<'running' | 'done' | 'failed'>;
  started_at: Generated<Timestamp>;
  finished_at: Timestamp | null;
  read: Generated<number>;
  inserted: Generated<number>;
  updated: Generated<number>;
  unchanged: Generated<number>;
  rejected: Generated<number>;
  notes: Generated<string[]>;
  error: string | null;
}

export interface ImportRejectsTable {
  id: Generated<string>;
  job_id: string;
  row_number: number;
  reason: string;
  raw: unknown;
}

export interface AppealsTable {
  id: Generated<string>;
  source_id: number;
  external_id: string;
  channel: string;
  created_at: Timestamp;
  updated_at: Timestamp | null;
  closed_at: Timestamp | null;
  status: string;
  topic: string;
  topic_confidence: number | null;
  topic_manual: Generated<boolean>;
  is_gratitude: Generated<boolean>;
  text: string | null;
  address: string | null;
  street: string | null;
  house: string | null;
  author_pseudonym: string | null;
  author_contact: string | null;
  agency_id: number | null;
  geom: Geometry;
  location_source: 'source' | 'geocoded' | null;
  geocode_confidence: number | null;
  h3: ColumnType<string | null, string | null, string | null>;
  region_id: number | null;
  municipality_id: number | null;
  road_segment_id: number | null;
  road_distance_m: number | null;
  problem_id: string | null;
  raw: unknown;
  content_hash: string;
  import_job_id: string | null;
  imported_at: Generated<Timestamp>;
}

export interface RoadSegmentsTable {
  id: Generated<number>;
  source_id: number;
  external_id: string;
  name: string | null;
  name_norm: string | null;
  road_class: string | null;
  owner: string | null;
  rating: number | null;
  length_m: number;
  region_id: number | null;
  geom: Geometry;
  content_hash: string;
  updated_at: Generated<Timestamp>;
}

export interface ServicePointsTable {
  id: Generated<number>;
  source_id: number;
  external_id: string;
  kind: Generated<string>;
  name: string;
  address: string | null;
  phone: string | null;
  url: string | null;
  walk_in: boolean | null;
  appointments: boolean | null;
  accessible: boolean | null;
  vaccines: Generated<string[]>;
  hours: unknown;
  timezone: Generated<string>;
  verified_at: Timestamp | null;
  region_id: number | null;
  geom: Geometry;
  content_hash: string;
}

export interface DB {
  sources: SourcesTable;
  topics: TopicsTable;
  boundaries: BoundariesTable;
  import_jobs: ImportJobsTable;
  import_rejects: ImportRejectsTable;
  appeals: AppealsTable;
  road_segments: RoadSegmentsTable;
  service_points: ServicePointsTable;
}
