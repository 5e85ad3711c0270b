import { createHash } from 'node:crypto';
import type { Database } from '../../../db';
import { geocodeOne, type GeocodeHit } from '../../enrich/geocode';
import { PmapError } from '../../errors';
import { requireColumns } from '../missingColumns';
import { ensureSource } from '../../store/importJobs';
import { rejectInFileDuplicates } from '../../store/rejects';
import { createPointStage, mergePointStage, POINT_STAGE_COLUMNS } from '../../../db/merge/points';
import { hasAddresses } from '../../../db/queries/addresses';
import { POINT_STAGE_RULES, checkedStage } from '../constraints';
import { conflictingIds } from '../../../db/merge/stageChecks';
import { noRepairs, repairingReader, repairNote, type RepairCounts } from '../cleanValues';
import {
  coordinateNotes,
  coordinateSummary,
  CoordinateVote,
  Extent,
  type CoordinateSummary,
  type Placement,
  type Region,
} from '../coordinateVote';
import { locatedPair, swapOf } from '../coordinates';
import { nonUniqueIdNote } from '../ids';
import { dataRegion } from '../region';
import { checkedRecords, detectFormat, openReader, type FileFormat, type SourceRecord } from '../readers';
import { runImport, type ImportSummary } from '../runImport';
import { DEFAULT_POINT_TIMEZONE, defaultPointMapping, pointColumnsOf, type PointMapping } from './mapping';
import { mapPointRecord, type PointDraft } from './mapRecord';

/** The geocoder's signature (lib/enrich/geocode); tests pass their own. */
export type Geocoder = (db: Database, query: string) => Promise<GeocodeHit | null>;

/** Below this a gazetteer match is a guess, and a vaccination point placed by a guess misleads people. */
export const MIN_GEOCODE_CONFIDENCE = 0.6;

/** What a point import adds to the summary: geocoded rows, and (issue 26) repairs, dates, coordinates, ids. */
export interface PointImportExtra {
  geocoded: number;
  repairs: RepairCounts;
  dates_via_iso: number;
  coordinates: CoordinateSummary;
  non_unique_ids: number;
}

export interface PointImportSummary extends ImportSummary, PointImportExtra {}

export interface PointImportOptions {
  mapping?: PointMapping;
  format?: string;
  rejectsPath?: string;
  batchSize?: number;
  geocode?: Geocoder;
  onProgress?: (rowsRead: number) => void;
}

interface Location {
  lat: number;
  lon: number;
  source: 'source' | 'geocoded';
  confidence: number | null;
}

function stageRow(rec: SourceRecord, d: PointDraft, kind: string, loc: Location): unknown[] {
  const raw = JSON.stringify(rec.geometry ? { ...rec.values, geometry: rec.geometry } : rec.values);
  const iso = d.verifiedAt ? d.verifiedAt.toISOString() : '';
  const bool = (b: boolean | null) => (b === null ? '' : String(b));
  const row = [
    d.externalId,
    kind,
    d.name,
    d.address ?? '',
    d.phone ?? '',
    d.url ?? '',
    bool(d.walkIn),
    bool(d.appointments),
    bool(d.accessible),
    JSON.stringify(d.vaccines),
    JSON.stringify(d.hours),
    d.timezone,
    iso,
    loc.lat,
    loc.lon,
    loc.source,
    loc.confidence ?? '',
    raw,
  ];
  const hash = createHash('sha1').update(JSON.stringify(row)).digest('base64url');
  return [rec.row, ...row, hash];
}

function missingReason(d: PointDraft, gazetteer: boolean, hit: GeocodeHit | null | undefined): string {
  const what = d.missingCoordinates === 'zero' ? 'coordinates are 0/0 (a placeholder)' : 'no coordinates';
  if (!d.address) return `${what} and no address to geocode`;
  if (!gazetteer)
    return `${what}, and no address gazetteer is loaded to geocode "${d.address}" (load one with: pmap import addresses)`;
  if (!hit) return `${what}, and the address "${d.address}" was not found in the gazetteer`;
  return `${what}, and the gazetteer's best match for "${d.address}" ("${hit.matched}", confidence ${hit.confidence.toFixed(2)}) is below ${MIN_GEOCODE_CONFIDENCE}`;
}

/**
 * Geocodes, before the import transaction, the addresses of rows that have no coordinates. It reads the file a
 * second time, which for point files (thousands of rows) costs little, and keeps the geocoder's queries out of the
 * transaction (the embedded database runs one statement at a time). Memory holds only those rows.
 */
async function geocodeMissing(
  db: Database,
  file: string,
  format: FileFormat,
  m: PointMapping,
  region: Region,
  geocode: Geocoder,
) {
  const hits = new Map<number, GeocodeHit | null>();
  const byQuery = new Map<string, GeocodeHit | null>();
  const vote = new CoordinateVote(region);
  const records = repairingReader(openReader(file, format), noRepairs()).records();
  for await (const rec of vote.apply(records, (x) => locatedPair(x, m))) {
    const r = mapPointRecord(rec, m, { region, verdict: vote.verdict! });
    if (!r.ok || r.draft.lat !== null || !r.draft.address) continue;
    const q = r.draft.address;
    if (!byQuery.has(q)) byQuery.set(q, await geocode(db, q));
    hits.set(rec.row, byQuery.get(q) ?? null);
  }
  return hits;
}

function checkColumns(header: string[], m: PointMapping, file: string, isDefault: boolean): void {
  for (const f of ['external_id', 'name'] as const) {
    if (m.fields[f] === undefined) throw PmapError.keyed('bad_mapping', 'import.no_field', { field: f }, { file });
  }
  // The default mapping names every field; a file without a mapping needs only the required ones.
  requireColumns(isDefault ? ['external_id', 'name'] : pointColumnsOf(m), header, file);
}

/**
 * Imports service points (vaccination) in one transaction: rows stream into a staging table through COPY in batches,
 * then merge into service_points by (source, external id). Every row ends up inserted, updated, unchanged or
 * rejected; a row without coordinates is geocoded from its address when a gazetteer is loaded, rejected otherwise.
 */
export async function importPoints(
  db: Database,
  file: string,
  opts: PointImportOptions = {},
): Promise<PointImportSummary> {
  const format = detectFormat(file, opts.format);
  const isDefault = !opts.mapping;
  const mapping = opts.mapping ?? defaultPointMapping(file);
  const repairs = noRepairs();
  const reader = repairingReader(openReader(file, format), repairs);
  const region = await dataRegion(db, mapping.region_bbox, { code: mapping.source, table: 'service_points' });
  const gazetteer = await hasAddresses(db);
  const batchSize = opts.batchSize ?? 5000;
  // Geocoding reads the gazetteer outside the import's transaction (it opens its own queries).
  const geocoded = gazetteer
    ? await geocodeMissing(db, file, format, mapping, region, opts.geocode ?? geocodeOne)
    : new Map<number, GeocodeHit | null>();
  return runImport<PointImportExtra>(
    db,
    { kind: 'points', file, options: mapping, rejectsPath: opts.rejectsPath },
    async (s, sink, jobId) => {
      const tally = {
        read: 0,
        swapped: 0,
        geocoded: 0,
        urlDropped: 0,
        tzAssumed: 0,
        hoursRows: 0,
        hoursDays: 0,
        hoursExample: '',
        hoursDated: 0,
        hoursDatedExample: '',
      };
      await createPointStage(s);
      const sourceId = await ensureSource(s, mapping.source, mapping.source_name ?? mapping.source, 'points');
      const stage = checkedStage(s, sink, 'point_stage', POINT_STAGE_COLUMNS, POINT_STAGE_RULES, batchSize);
      const vote = new CoordinateVote(region);
      const extent = new Extent();
      let viaIso = 0;
      const records = checkedRecords(reader, sink, (cols) => checkColumns(cols, mapping, file, isDefault));
      for await (const rec of vote.apply(records, (x) => locatedPair(x, mapping))) {
        tally.read++;
        if (opts.onProgress && tally.read % 10000 === 0) opts.onProgress(tally.read);
        const placement: Placement = { region, verdict: vote.verdict! };
        const r = mapPointRecord(rec, mapping, placement);
        if (!r.ok) {
          await sink.add(s, { row: rec.row, line: rec.line, reason: r.reason, values: rec.values });
          continue;
        }
        const d = r.draft;
        let loc: Location | null =
          d.lat !== null && d.lon !== null ? { lat: d.lat, lon: d.lon, source: 'source', confidence: null } : null;
        if (!loc) {
          const hit = geocoded.get(rec.row);
          if (hit && hit.confidence >= MIN_GEOCODE_CONFIDENCE) {
            loc = { lat: hit.lat, lon: hit.lon, source: 'geocoded', confidence: hit.confidence };
            tally.geocoded++;
          } else {
            await sink.add(s, {
              row: rec.row,
              line: rec.line,
              reason: missingReason(d, gazetteer, hit),
              values: rec.values,
            });
            continue;
          }
        }
        // A row the table would refuse is rejected here (../constraints.ts) and counts in no note.
        if (!(await stage.push(stageRow(rec, d, mapping.kind, loc), rec))) continue;
        if (d.coordinatesSwapped) tally.swapped++;
        if (loc.source === 'source') extent.add(loc.lat, loc.lon, region);
        if (d.verifiedAtViaIso) viaIso++;
        if (d.urlDropped) tally.urlDropped++;
        if (d.timezoneAssumed) tally.tzAssumed++;
        const dated = d.hoursWarnings.find((w) => w.includes('some dates differ'));
        if (dated) {
          tally.hoursDated++;
          tally.hoursDatedExample ||= `row ${rec.row}: ${dated}`;
        }
        if (d.hoursUnreadable.length) {
          tally.hoursRows++;
          tally.hoursDays += d.hoursUnreadable.length;
          tally.hoursExample ||= `row ${rec.row}: ${d.hoursWarnings.find((w) => w.includes('cannot read')) ?? d.hoursWarnings[0] ?? ''}`;
        }
      }
      await stage.finish();
      const nonUnique = await conflictingIds(s, 'point_stage');
      await rejectInFileDuplicates(s, sink, {
        stage: 'point_stage',
        key: 'external_id',
        shown: 'external_id',
        label: 'external id',
      });
      await sink.flush(s);
      const merged = await mergePointStage(s, sourceId, jobId);
      const coordinates = coordinateSummary(vote.verdict, region, extent, tally.swapped);
      const notes = [...reader.notes, ...coordinateNotes(coordinates, swapOf(mapping))];
      const repaired = repairNote(repairs);
      if (repaired) notes.push(repaired);
      if (viaIso)
        notes.push(
          `${viaIso} rows had a date that does not match the date_format "${mapping.date_format}" but is unambiguous ISO 8601: read as ISO 8601`,
        );
      const idNote = nonUniqueIdNote(nonUnique);
      if (idNote) notes.push(idNote);
      if (tally.geocoded)
        notes.push(`${tally.geocoded} points had no coordinates and were geocoded from their address`);
      if (tally.urlDropped)
        notes.push(`${tally.urlDropped} rows had a website that is not an http(s) address: left out`);
      if (tally.hoursRows)
        notes.push(
          `${tally.hoursRows} points have opening hours that could not be read for some days (${tally.hoursDays} day${tally.hoursDays === 1 ? '' : 's'} in all): those days are unknown, the points were kept (e.g. ${tally.hoursExample})`,
        );
      if (tally.hoursDated)
        notes.push(
          `${tally.hoursDated} points have opening hours that differ on some dates ("Th[-1] off" and the like): their usual weekly hours are kept (e.g. ${tally.hoursDatedExample})`,
        );
      if (tally.tzAssumed)
        notes.push(
          `no time zone in the mapping: ${DEFAULT_POINT_TIMEZONE} assumed for ${tally.tzAssumed} points (set "timezone")`,
        );
      return {
        read: tally.read,
        inserted: merged.inserted,
        updated: merged.updated,
        sourceId,
        notes,
        extra: {
          geocoded: tally.geocoded,
          repairs,
          dates_via_iso: viaIso,
          coordinates,
          non_unique_ids: nonUnique,
        },
      };
    },
  );
}
