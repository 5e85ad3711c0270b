import { createHash } from 'node:crypto';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import type { Database, Session } from '../../../db';
import { rejectsDir } from '../../config/env';
import { PmapError } from '../../errors';
import { ADDRESS_STAGE_COLUMNS, createAddressStage, mergeAddressStage, removeAddressDuplicates } from '../../store/addressesMerge';
import { ensureSource, failJob, finishJob, startJob, type ImportCounts } from '../../store/importJobs';
import { RejectSink } from '../../store/rejects';
import { detectFormat, openReader, type SourceRecord } from '../readers';
import { addressColumnsOf, addressSourceOf, defaultAddressMapping, type AddressMapping } from './mapping';
import { mapAddressRecord, type AddressDraft } from './mapRecord';

export interface AddressImportSummary extends ImportCounts {
  rejects: string;
  job_id: number;
  notes: string[];
  seconds: number;
}

export interface AddressImportOptions {
  mapping?: AddressMapping;
  format?: string;
  rejectsPath?: string;
  batchSize?: number;
  onProgress?: (rowsRead: number) => void;
}

function stageRow(rec: SourceRecord, d: AddressDraft): unknown[] {
  const norm = `${d.localityKey}|${d.street.type}|${d.street.core}|${d.house?.key ?? ''}`;
  const raw = JSON.stringify(rec.geometry ? { ...rec.values, geometry: rec.geometry } : rec.values);
  const hash = createHash('sha1').update(JSON.stringify([d.text, d.localityLabel, d.streetName, d.houseLabel, d.lat, d.lon])).digest('base64url');
  return [rec.row, d.text, norm, d.localityKey, d.localityLabel, d.street.core, d.street.type, d.streetName,
    d.houseLabel, d.house?.num ?? '', d.house?.key ?? '', d.lat, d.lon, raw, hash];
}

function checkColumns(header: string[], m: AddressMapping, file: string, isDefault: boolean): void {
  const shown = header.slice(0, 12).map((h) => `"${h}"`).join(', ') + (header.length > 12 ? ', …' : '');
  if (isDefault) {
    if (header.includes('text') || header.includes('street')) return;
    throw new PmapError('bad_mapping', `without --mapping the file needs a "text" or "street" column (its columns: ${shown})`, { file });
  }
  if (m.fields.text === undefined && m.fields.street === undefined) {
    throw new PmapError('bad_mapping', 'the mapping has neither a "text" nor a "street" field', { file });
  }
  const missing = addressColumnsOf(m).filter((c) => !header.includes(c));
  if (!missing.length) return;
  throw new PmapError('bad_mapping', `the mapping names column${missing.length > 1 ? 's' : ''} ${missing.map((c) => `"${c}"`).join(', ')} that the file does not have (its columns: ${shown})`, { file, column: missing[0] });
}

/**
 * Imports an address gazetteer (CSV, JSON, GeoJSON points) in one transaction: rows are normalised (locality, street
 * type and name, house number), stream into a staging table through COPY, and merge into addresses by (source,
 * normalised address). Every row ends up inserted, updated, unchanged or rejected.
 */
export async function importAddresses(db: Database, file: string, opts: AddressImportOptions = {}): Promise<AddressImportSummary> {
  const t0 = Date.now();
  const format = detectFormat(file, opts.format);
  const isDefault = !opts.mapping;
  const mapping = opts.mapping ?? defaultAddressMapping(file);
  const source = addressSourceOf(mapping, file);
  const reader = openReader(file, format);
  const jobId = await startJob(db, 'addresses', path.basename(file), mapping);
  const rejectsFile = opts.rejectsPath ?? path.resolve(rejectsDir(), `job-${jobId}-${path.basename(file)}.rejects.csv`);
  const sink = new RejectSink(rejectsFile, jobId);
  const batchSize = opts.batchSize ?? 5000;
  const notes = [...reader.notes];
  let read = 0;
  let swapped = 0;
  let streetOnly = 0;
  // PMAP_TIMING=1 prints how long each step took (stderr), for tuning big loads.
  let tLap = Date.now();
  const lap = (step: string) => {
    if (process.env.PMAP_TIMING) process.stderr.write(`timing ${step}: ${Date.now() - tLap} ms\n`);
    tLap = Date.now();
  };
  try {
    const result = await db.transaction(async (s: Session) => {
      await createAddressStage(s);
      const sourceId = await ensureSource(s, source, mapping.source_name ?? source, 'addresses');
      let batch: unknown[][] = [];
      // One COPY in flight while the next batch is parsed: the database and the parser work at the same time.
      let inflight: Promise<void> = Promise.resolve();
      const flush = async () => {
        if (!batch.length) return;
        const csv = stringify(batch);
        batch = [];
        await inflight;
        inflight = s.copyFrom('address_stage', ADDRESS_STAGE_COLUMNS, csv);
      };
      let checked = false;
      const check = async () => {
        checked = true;
        const cols = await reader.columns();
        sink.setColumns(cols);
        if (cols) checkColumns(cols, mapping, file, isDefault);
      };
      for await (const rec of reader.records()) {
        if (!checked) await check();
        read++;
        const r = mapAddressRecord(rec, mapping, mapping.region_bbox);
        if (!r.ok) {
          await sink.add(s, { row: rec.row, line: rec.line, reason: r.reason, values: rec.values });
        } else {
          if (r.draft.coordinatesSwapped) swapped++;
          if (!r.draft.house) streetOnly++;
          batch.push(stageRow(rec, r.draft));
          if (batch.length >= batchSize) await flush();
        }
        if (opts.onProgress && read % 10000 === 0) opts.onProgress(read);
      }
      if (!checked) await check();
      await flush();
      await inflight;
      lap('read+stage');
      for (const d of await removeAddressDuplicates(s)) {
        await sink.add(s, { row: d.row, reason: `duplicate address "${d.text}" in the file: row ${d.keptRow} is kept`, values: d.raw });
      }
      await sink.flush(s);
      lap('duplicates');
      const { inserted, updated } = await mergeAddressStage(s, sourceId, jobId);
      lap('merge');
      return { sourceId, inserted, updated };
    });
    sink.close();
    if (swapped) notes.push(`${swapped} rows had swapped coordinates and were swapped back`);
    if (streetOnly) notes.push(`${streetOnly} rows have no house number: kept as street-level entries`);
    const counts: ImportCounts = {
      read,
      inserted: result.inserted,
      updated: result.updated,
      rejected: sink.count,
      unchanged: read - sink.count - result.inserted - result.updated,
    };
    await finishJob(db, jobId, counts, notes, result.sourceId);
    return { ...counts, rejects: rejectsFile, job_id: jobId, notes, seconds: (Date.now() - t0) / 1000 };
  } catch (e) {
    sink.close();
    await failJob(db, jobId, e instanceof PmapError ? e.oneLine() : String(e)).catch(() => undefined);
    throw e;
  }
}
