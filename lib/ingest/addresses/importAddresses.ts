import { createHash } from 'node:crypto';
import type { Database } from '../../../db';
import { PmapError } from '../../errors';
import { ADDRESS_STAGE_RULES, checkedStage } from '../constraints';
import { requireColumns } from '../missingColumns';
import { ADDRESS_STAGE_COLUMNS, createAddressStage, mergeAddressStage } from '../../../db/merge/addresses';
import { ensureSource } from '../../store/importJobs';
import { rejectInFileDuplicates } from '../../store/rejects';
import { checkedRecords, detectFormat, openReader, type SourceRecord } from '../readers';
import { stepTimer } from '../../config/timing';
import { runImport, type ImportSummary } from '../runImport';
import { addressColumnsOf, addressSourceOf, defaultAddressMapping, type AddressMapping } from './mapping';
import { mapAddressRecord, type AddressDraft } from './mapRecord';

export type AddressImportSummary = ImportSummary;

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
  const hash = createHash('sha1')
    .update(JSON.stringify([d.text, d.localityLabel, d.streetName, d.houseLabel, d.lat, d.lon]))
    .digest('base64url');
  // Empty parts (no locality, a street without a type word, no house) reach the stage as NULL: see createAddressStage.
  return [
    rec.row,
    d.text,
    norm,
    d.localityKey,
    d.localityLabel,
    d.street.core,
    d.street.type,
    d.streetName,
    d.houseLabel,
    d.house?.num ?? '',
    d.house?.key ?? '',
    d.lat,
    d.lon,
    raw,
    hash,
    d.externalId ?? '',
    d.externalId ? '' : norm,
  ];
}

function checkColumns(header: string[], m: AddressMapping, file: string, isDefault: boolean): void {
  const shown =
    header
      .slice(0, 12)
      .map((h) => `"${h}"`)
      .join(', ') + (header.length > 12 ? ', …' : '');
  if (isDefault) {
    if (header.includes('text') || header.includes('street')) return;
    throw new PmapError(
      'bad_mapping',
      `without --mapping the file needs a "text" or "street" column (its columns: ${shown})`,
      { file },
    );
  }
  if (m.fields.text === undefined && m.fields.street === undefined) {
    throw new PmapError('bad_mapping', 'the mapping has neither a "text" nor a "street" field', { file });
  }
  requireColumns(addressColumnsOf(m), header, file);
}

/**
 * Imports an address gazetteer (CSV, JSON, GeoJSON points) in one transaction: rows are normalised (locality, street
 * type and name, house number), stream into a staging table through COPY, and merge into addresses by (source,
 * external id) when the row has one, else by (source, normalised address). A row the tables would refuse is rejected
 * before COPY (../constraints.ts). Every row ends up inserted, updated, unchanged or rejected.
 */
export async function importAddresses(
  db: Database,
  file: string,
  opts: AddressImportOptions = {},
): Promise<AddressImportSummary> {
  const format = detectFormat(file, opts.format);
  const isDefault = !opts.mapping;
  const mapping = opts.mapping ?? defaultAddressMapping(file);
  const source = addressSourceOf(mapping, file);
  const reader = openReader(file, format);
  const batchSize = opts.batchSize ?? 5000;
  const lap = stepTimer();
  return runImport(
    db,
    { kind: 'addresses', file, options: mapping, rejectsPath: opts.rejectsPath },
    async (s, sink, jobId) => {
      let read = 0;
      let swapped = 0;
      let streetOnly = 0;
      let untyped = 0;
      await createAddressStage(s);
      const sourceId = await ensureSource(s, source, mapping.source_name ?? source, 'addresses');
      const stage = checkedStage(s, sink, 'address_stage', ADDRESS_STAGE_COLUMNS, ADDRESS_STAGE_RULES, batchSize);
      // With a mapping that names external_id every row needs one; without a mapping the column is optional.
      const idRequired = !isDefault && mapping.fields.external_id !== undefined;
      for await (const rec of checkedRecords(reader, sink, (cols) => checkColumns(cols, mapping, file, isDefault))) {
        read++;
        const r = mapAddressRecord(rec, mapping, mapping.region_bbox, idRequired);
        if (!r.ok) {
          await sink.add(s, { row: rec.row, line: rec.line, reason: r.reason, values: rec.values });
        } else if (await stage.push(stageRow(rec, r.draft), rec)) {
          if (r.draft.coordinatesSwapped) swapped++;
          if (!r.draft.house) streetOnly++;
          if (!r.draft.street.type) untyped++;
        }
        if (opts.onProgress && read % 10000 === 0) opts.onProgress(read);
      }
      await stage.finish();
      lap('read+stage');
      // The last row of an id (or, for rows without one, of a normalised address) wins.
      await rejectInFileDuplicates(s, sink, {
        stage: 'address_stage',
        key: 'external_id',
        shown: 'external_id',
        label: 'external id',
      });
      await rejectInFileDuplicates(s, sink, {
        stage: 'address_stage',
        key: 'norm_key',
        shown: 'text',
        label: 'address',
      });
      await sink.flush(s);
      lap('duplicates');
      const { inserted, updated } = await mergeAddressStage(s, sourceId, jobId);
      lap('merge');
      const notes = [...reader.notes];
      if (swapped) notes.push(`${swapped} rows had swapped coordinates and were swapped back`);
      if (streetOnly) notes.push(`${streetOnly} rows have no house number: kept as street-level entries`);
      if (untyped)
        notes.push(
          `${untyped} rows name a street without a type word (such as «1-й Аэропорт»): kept with no street type`,
        );
      return { read, inserted, updated, sourceId, notes };
    },
  );
}
