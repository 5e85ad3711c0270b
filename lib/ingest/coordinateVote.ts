import type { Bbox, CoordCheck } from './coordinates';

/*
 * Swapped latitude and longitude, decided per file by a vote over its rows.
 *
 * The data's region is what is already loaded (boundaries, road segments, the address gazetteer, earlier rows of the
 * same source; lib/store/dataExtent.ts) or the mapping's region_bbox. A located row votes "in" (inside the region
 * as written), "swapped" (outside, but inside once latitude and longitude trade places) or "out". The file is
 * swapped when swapped votes outnumber in-region ones and make at least half of the sample.
 *
 * Streaming: the first SAMPLE located rows (or BUFFER rows of any kind, whichever comes first) are held back, the
 * vote is taken on them, and then they and every later row are placed by the verdict. Memory stays bounded and
 * one pass over the file suffices; a file whose first rows differ from the rest in orientation is decided by its
 * first rows (later rows that disagree are still caught one by one: see placeRow).
 *
 * Without a region, only an impossible latitude (|lat| > 90 with a possible swap) votes "swapped"; the summary
 * then reports the file's extent so a person can see where the rows landed.
 */

export const VOTE_SAMPLE = 500;
export const VOTE_BUFFER = 5000;

/** The region the data should lie in: boxes (any of them) and where each came from, for the notes. */
export interface Region {
  boxes: Bbox[];
  from: string[];
}

export type Vote = 'in' | 'swapped' | 'out';

const inBox = (lat: number, lon: number, [w, s, e, n]: Bbox) => lon >= w && lon <= e && lat >= s && lat <= n;
const inAny = (lat: number, lon: number, boxes: Bbox[]) => boxes.some((b) => inBox(lat, lon, b));
const inRange = (lat: number, lon: number) => Math.abs(lat) <= 90 && Math.abs(lon) <= 180;

/** How one located pair votes. */
export function votePoint(lat: number, lon: number, boxes: Bbox[]): Vote {
  if (!boxes.length) {
    if (inRange(lat, lon)) return 'in';
    return inRange(lon, lat) ? 'swapped' : 'out';
  }
  if (inAny(lat, lon, boxes) && inRange(lat, lon)) return 'in';
  if (inAny(lon, lat, boxes) && inRange(lon, lat)) return 'swapped';
  return 'out';
}

export interface Verdict {
  swapped: boolean;
  /** Located rows that voted. */
  sample: number;
  in: number;
  swappedIn: number;
  out: number;
  hasRegion: boolean;
}

/** The file's verdict from its votes. */
export function decide(votes: { in: number; swapped: number; out: number }, hasRegion: boolean): Verdict {
  const sample = votes.in + votes.swapped + votes.out;
  const swapped = sample > 0 && votes.swapped > votes.in && votes.swapped * 2 >= sample;
  return { swapped, sample, in: votes.in, swappedIn: votes.swapped, out: votes.out, hasRegion };
}

/** A finite, non-placeholder pair a row gives, or null (no coordinates, malformed ones: the row's own check says). */
export type Locate<T> = (rec: T) => { lat: number; lon: number } | null;

/** Holds back the first rows of a stream, votes on them, then lets every row through with the verdict known. */
export class CoordinateVote {
  verdict: Verdict | null = null;

  constructor(
    private readonly region: Region,
    private readonly sample = VOTE_SAMPLE,
    private readonly buffer = VOTE_BUFFER,
  ) {}

  async *apply<T>(records: AsyncIterable<T>, locate: Locate<T>): AsyncGenerator<T> {
    const held: T[] = [];
    const votes = { in: 0, swapped: 0, out: 0 };
    let located = 0;
    for await (const rec of records) {
      if (this.verdict) {
        yield rec;
        continue;
      }
      held.push(rec);
      const p = locate(rec);
      if (p) {
        votes[votePoint(p.lat, p.lon, this.region.boxes)]++;
        located++;
      }
      if (located >= this.sample || held.length >= this.buffer) {
        this.verdict = decide(votes, this.region.boxes.length > 0);
        yield* held.splice(0);
      }
    }
    if (!this.verdict) {
      this.verdict = decide(votes, this.region.boxes.length > 0);
      yield* held.splice(0);
    }
  }
}

/**
 * Places one row's pair by the file's verdict. `swap` is the mapping's "swap": true (or the older
 * swap_coordinates). In a swapped file every row is swapped (or rejected) except one that lies in the region only
 * as written; in a file as written, a single row that lies in the region only when swapped is still caught.
 */
export function placeRow(
  lat: number | null,
  lon: number | null,
  verdict: Verdict,
  region: Region,
  swap: boolean,
): CoordCheck {
  if (lat === null && lon === null) return { kind: 'missing' };
  if (lat === null || lon === null)
    return { kind: 'reject', reason: `only one coordinate given (lat ${lat ?? 'empty'}, lon ${lon ?? 'empty'})` };
  if (Number.isNaN(lat) || Number.isNaN(lon)) return { kind: 'reject', reason: 'a coordinate is not a number' };
  if (lat === 0 && lon === 0) return { kind: 'missing' };
  const vote = votePoint(lat, lon, region.boxes);
  const swapped = (): CoordCheck =>
    inRange(lon, lat)
      ? { kind: 'ok', lat: lon, lon: lat, swapped: true }
      : { kind: 'reject', reason: `coordinates out of range (lat ${lat}, lon ${lon})` };
  if (verdict.swapped && vote !== 'in') {
    if (swap) return swapped();
    return {
      kind: 'reject',
      reason:
        `coordinates look swapped (lat ${lat}, lon ${lon}): the file's latitude and longitude columns are swapped ` +
        `(${verdict.swappedIn} of the first ${verdict.sample} located rows lie in the data's region only when swapped); ` +
        'set "swap": true in the mapping to swap them',
    };
  }
  if (vote === 'swapped') {
    if (swap) return swapped();
    const why = region.boxes.length ? "for the data's region" : '(a latitude beyond ±90° is a longitude)';
    return {
      kind: 'reject',
      reason: `coordinates look swapped (lat ${lat}, lon ${lon}) ${why}; set "swap": true in the mapping to swap them`,
    };
  }
  if (!inRange(lat, lon)) return { kind: 'reject', reason: `coordinates out of range (lat ${lat}, lon ${lon})` };
  return { kind: 'ok', lat, lon, swapped: false };
}

/** The extent of the rows kept, for the summary (where the rows landed). */
export class Extent {
  private w = Infinity;
  private s = Infinity;
  private e = -Infinity;
  private n = -Infinity;
  count = 0;
  /** Rows kept outside every box of the region (only counted when there is a region). */
  outside = 0;

  add(lat: number, lon: number, region: Region): void {
    this.count++;
    if (lon < this.w) this.w = lon;
    if (lon > this.e) this.e = lon;
    if (lat < this.s) this.s = lat;
    if (lat > this.n) this.n = lat;
    if (region.boxes.length && !inAny(lat, lon, region.boxes)) this.outside++;
  }

  bbox(): Bbox | null {
    return this.count ? [this.w, this.s, this.e, this.n] : null;
  }
}

const round = (x: number) => Math.round(x * 1e4) / 1e4;
const showBox = (b: Bbox) => `lon ${round(b[0])}…${round(b[2])}, lat ${round(b[1])}…${round(b[3])}`;

/** What the summary carries about coordinates: the verdict, the region, the extent, and rows swapped. */
export interface CoordinateSummary {
  verdict: 'swapped' | 'as_written';
  /** The vote: located rows sampled, and how they voted. */
  vote: { sample: number; in: number; swapped: number; out: number };
  region: Bbox[] | null;
  region_from: string[];
  /** [west, south, east, north] of the rows kept with coordinates, null when none. */
  extent: Bbox | null;
  swapped_rows: number;
  outside_region: number;
}

export function coordinateSummary(
  verdict: Verdict | null,
  region: Region,
  extent: Extent,
  swappedRows: number,
): CoordinateSummary {
  const v = verdict ?? decide({ in: 0, swapped: 0, out: 0 }, region.boxes.length > 0);
  return {
    verdict: v.swapped ? 'swapped' : 'as_written',
    vote: { sample: v.sample, in: v.in, swapped: v.swappedIn, out: v.out },
    region: region.boxes.length ? region.boxes : null,
    region_from: region.from,
    extent: extent.bbox(),
    swapped_rows: swappedRows,
    outside_region: extent.outside,
  };
}

/** Notes for a person: a swapped file, rows swapped back, and, without a region, where the rows lie. */
export function coordinateNotes(c: CoordinateSummary, swap: boolean): string[] {
  const notes: string[] = [];
  if (c.verdict === 'swapped') {
    notes.push(
      `the file's latitude and longitude look swapped: ${c.vote.swapped} of the first ${c.vote.sample} located rows lie in ` +
        `the data's region (${c.region_from.join(', ') || 'impossible latitudes'}) only when swapped; ` +
        (swap
          ? 'swapped as the mapping says ("swap": true)'
          : 'those rows are rejected (set "swap": true in the mapping to swap them)'),
    );
  }
  if (c.swapped_rows) notes.push(`${c.swapped_rows} rows had swapped coordinates and were swapped back`);
  if (!c.region && c.extent) {
    notes.push(
      `no region is known yet (no boundaries, roads, gazetteer or earlier rows of this source are loaded), so swapped ` +
        `coordinates cannot be told: the located rows span ${showBox(c.extent)}; check that this is where the data belongs`,
    );
  } else if (c.outside_region && c.extent) {
    notes.push(
      `${c.outside_region} located rows lie outside the data's region (${c.region_from.join(', ')}); the located rows span ${showBox(c.extent)}`,
    );
  }
  return notes;
}

/** How an importer places a file's rows: the region and the file's verdict. */
export interface Placement {
  region: Region;
  verdict: Verdict;
}

/** A bare bbox (the mapping's region_bbox, older callers) is a region of one box with an as-written verdict. */
export function placementOf(p: Bbox | Placement | undefined): Placement {
  if (p && !Array.isArray(p)) return p;
  const region: Region = p ? { boxes: [p], from: ["the mapping's region_bbox"] } : { boxes: [], from: [] };
  return { region, verdict: decide({ in: 0, swapped: 0, out: 0 }, region.boxes.length > 0) };
}
