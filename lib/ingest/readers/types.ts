import type { Geometry } from 'geojson';

/** One record of a source file, before mapping: its 1-based data row number and its raw values. */
export interface SourceRecord {
  row: number;
  line?: number;
  values: Record<string, unknown>;
  geometry?: Geometry | null;
  /** Set when the reader could not make a record of this row; the importer rejects it with this reason. */
  problem?: string;
}

export interface RecordReader {
  /** Known header columns (CSV) or null when records carry their own keys (JSON). */
  columns(): Promise<string[] | null>;
  records(): AsyncIterable<SourceRecord>;
  notes: string[];
  /** Share of the file's bytes read so far (0..1), for progress and ETA. */
  fraction(): number;
}

export type FileFormat = 'csv' | 'json' | 'ndjson' | 'geojson' | 'open311';
