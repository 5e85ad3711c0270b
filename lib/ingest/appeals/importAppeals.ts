import path from 'node:path';
import type { Database } from '../../../db';
import { env } from '../../config/env';
import { loadClassifier } from '../../enrich/classify/store';
import { geocodeAppeals } from '../../enrich/geocode/appeals';
import { assignBoundaries, snapToRoads } from '../../enrich/spatial';
import {
  groupNewAppeals,
  lockProblems,
  problemRule,
  recountProblems,
  STAGED,
  TOUCHED,
} from '../../enrich/problems/group';
import { enqueueGrouping, groupAfterCommit } from '../../enrich/problems/jobs';
import { PmapError } from '../../errors';
import { requireColumns } from '../missingColumns';
import { createStage, mergeStage, STAGE_COLUMNS, stageNewRows } from '../../../db/merge/appeals';
import { ensureSource } from '../../store/importJobs';
import { rejectInFileDuplicates } from '../../store/rejects';
import { copyChunks } from '../../../db/copyChunks';
import { stagedAppealCount, touchedAppealIds, touchedAppealIdsToPlace } from '../../../db/queries/ingest';
import { classifierRules } from './classifierRules';
import { deadlineRuleRows } from '../../../db/queries/deadlineRules';
import { ruleOfRow } from '../../domain/calendar/deadlineRules';
import { stageRecords } from './stagePipeline';
import { conflictingIds } from '../../../db/merge/stageChecks';
import { ChannelTally, type ChannelSeen } from '../channels';
import { noRepairs, repairingReader, repairNote, type RepairCounts } from '../cleanValues';
import { coordinateNotes, coordinateSummary, CoordinateVote, Extent, type CoordinateSummary } from '../coordinateVote';
import { locatedPair, swapOf } from '../coordinates';
import { nonUniqueIdNote } from '../ids';
import { APPEAL_FIELDS, appealMappingSchema, columnsOf, parseMapping, type AppealMapping } from '../mapping';
import { dataRegion } from '../region';
import { checkedRecords, detectFormat, openReader } from '../readers';
import { stepTimer } from '../../config/timing';
import { APPEAL_SAVE_STEPS, stepProgress, type SaveStep, type StepProgress } from '../steps';
import { runImport, type ImportSummary } from '../runImport';

export type { ImportSummary } from '../runImport';

/** What an appeal import adds to the summary (issue 26): repairs, channels, dates, coordinates, ids. */
export interface AppealImportExtra {
  /** Values repaired per kind (lib/ingest/cleanValues.ts). */
  repairs: RepairCounts;
  /** The channel column's values, what each became and how (values table, synonym, default), with row counts. */
  channels: ChannelSeen[];
  /** Rows with a date that failed the mapping's date_format and was read as ISO 8601. */
  dates_via_iso: number;
  /** The swapped-coordinates vote, the region, the extent of the located rows. */
  coordinates: CoordinateSummary;
  /** Ids that carry different records in this file. */
  non_unique_ids: number;
}

/** Problem grouping of an import's new appeals (issue 21). */
export interface GroupingOutcome {
  /** true: grouped after the commit (a big import); false: inside the import's transaction. */
  after_commit: boolean;
  /** Appeals (of the whole database) still awaiting grouping when the import returned. */
  awaiting: number;
  /** Time from the commit until grouping was done (after_commit, when waited for or embedded). */
  seconds?: number;
}

export type AppealImportSummary = ImportSummary & AppealImportExtra & { grouping: GroupingOutcome };

export interface ImportOptions {
  mapping?: AppealMapping;
  format?: string;
  rejectsPath?: string;
  batchSize?: number;
  onProgress?: (rowsRead: number, fraction: number) => void;
  /**
   * PostgreSQL: when a big import groups its appeals after the commit, wait until nothing awaits grouping (working
   * the queue in this process meanwhile). Embedded PGlite always groups right after the commit, in-process.
   */
  waitForGrouping?: boolean;
  /** Called as each step after the reading starts (lib/ingest/steps.ts). */
  onStep?: (step: StepProgress) => void;
}

/** Open311 GeoReport v2 `requests`: the standard's own field names; service_code is a topic when it is one of ours. */
export function open311Mapping(file: string): AppealMapping {
  const source = `open311_${path
    .basename(file)
    .replace(/\.[^.]+$/, '')
    .replace(/[^a-z0-9_.-]+/gi, '_')}`;
  return parseMapping(
    appealMappingSchema,
    {
      source,
      fields: {
        external_id: 'service_request_id',
        created_at: 'requested_datetime',
        updated_at: 'updated_datetime',
        status: 'status',
        topic: 'service_code',
        text: ['service_name', 'description'],
        address: 'address',
        agency: 'agency_responsible',
        lat: 'lat',
        lon: 'long',
        channel: 'extended_attributes.channel',
      },
      statuses: { open: 'new', closed: 'closed' },
    },
    file,
  );
}

/** Without a mapping file the columns carry our own field names. */
export function defaultMapping(file: string): AppealMapping {
  // Every appeal field but is_gratitude (a column of that name is not read without a mapping that names it).
  const fields = Object.fromEntries(APPEAL_FIELDS.filter((f) => f !== 'is_gratitude').map((f) => [f, f]));
  const source =
    path
      .basename(file)
      .replace(/\.[^.]+$/, '')
      .replace(/[^a-z0-9_.-]+/gi, '_') || 'file';
  return parseMapping(appealMappingSchema, { source, fields }, file);
}

/**
 * Imports an appeals file in one transaction: rows stream into a staging table through COPY in batches, then
 * merge into appeals by (source, external id). Every row ends up inserted, updated, unchanged or rejected.
 */
export async function importAppeals(
  db: Database,
  file: string,
  opts: ImportOptions = {},
): Promise<AppealImportSummary> {
  const format = detectFormat(file, opts.format);
  const mapping = opts.mapping ?? (format === 'open311' ? open311Mapping(file) : defaultMapping(file));
  const repairs = noRepairs();
  const reader = repairingReader(openReader(file, format), repairs);
  const region = await dataRegion(db, mapping.region_bbox, { code: mapping.source, table: 'appeals' });
  const key = env().PMAP_PSEUDONYM_KEY;
  const classifier = await loadClassifier(db);
  const batchSize = opts.batchSize ?? 5000;
  const lap = stepTimer();
  // Six saving steps when the grouping follows the commit, five when it is one of them (decided after the reading).
  let steps = APPEAL_SAVE_STEPS.length - 1;
  const step = (name: SaveStep) => opts.onStep?.(stepProgress(name, steps));
  const startedAt = Date.now();
  let groupingAfterCommit = false;
  const summary = await runImport<AppealImportExtra>(
    db,
    { kind: 'appeals', file, options: mapping, rejectsPath: opts.rejectsPath },
    async (s, sink, jobId) => {
      let read = 0;
      let swapped = 0;
      let noCoords = 0;
      let viaIso = 0;
      const channels = new ChannelTally();
      const extent = new Extent();
      const vote = new CoordinateVote(region);
      await createStage(s);
      const sourceId = await ensureSource(s, mapping.source, mapping.source_name ?? mapping.source, 'appeals');
      const copy = copyChunks(s, 'appeal_stage', STAGE_COLUMNS, batchSize);
      // Loaded once: each row's due time is a short loop over them (lib/domain/calendar/deadlineRules.ts).
      const deadlineRules = (await deadlineRuleRows(s)).map(ruleOfRow);
      const timeZone = mapping.timezone ?? env().PMAP_TIME_ZONE;
      const records = checkedRecords(reader, sink, (cols) => checkColumns(cols, mapping, file, !opts.mapping));
      // Map, classify, hash and encode on worker threads while this thread reads (lib/ingest/appeals/stagePipeline.ts).
      const pipeline = await stageRecords(
        vote.apply(records, (x) => locatedPair(x, mapping)),
        {
          context: () => ({
            mapping,
            placement: { region, verdict: vote.verdict! },
            now: startedAt,
            key,
            deadlineRules,
            timeZone,
          }),
          classifier,
          rules: () => classifierRules(s),
          threads: env().PMAP_IMPORT_THREADS,
          onChunk: async (recs, out) => {
            for (let i = 0; i < recs.length; i++) {
              const why = out.reasons[i];
              if (typeof why === 'string')
                await sink.add(s, { row: recs[i]!.row, line: recs[i]!.line, reason: why, values: recs[i]!.values });
            }
            await copy.push(out.csv, out.stagedRows);
            swapped += out.swapped;
            noCoords += out.noCoords;
            viaIso += out.viaIso;
            for (let i = 0; i < out.located.length; i += 2) extent.add(out.located[i]!, out.located[i + 1]!, region);
            for (const [value, channel, via, rows] of out.channels)
              for (let k = 0; k < rows; k++) channels.add(value, channel, via);
            const before = read;
            read += recs.length;
            if (opts.onProgress && Math.floor(read / 10000) > Math.floor(before / 10000))
              opts.onProgress(read, reader.fraction());
          },
        },
      );
      await copy.finish();
      lap(pipeline.threads ? `read+stage (${pipeline.threads} worker threads)` : 'read+stage');
      opts.onProgress?.(read, 1);
      // A big import groups after its commit (issue 21): a job, queued in this transaction, so it exists if and only
      // if the appeals do. A small one groups here, before the merge, and its appeals have their problems at once.
      const inline = (await stagedAppealCount(s)) <= env().PMAP_GROUP_INLINE_MAX;
      if (!inline) steps = APPEAL_SAVE_STEPS.length;
      step('duplicates');
      const nonUnique = await conflictingIds(s, 'appeal_stage');
      await rejectInFileDuplicates(s, sink, {
        stage: 'appeal_stage',
        key: 'external_id',
        shown: 'external_id',
        label: 'external id',
      });
      await sink.flush(s);
      lap('duplicates');
      step('problems');
      let grown: number[] = [];
      if (inline) {
        // Under the lock the new rows are decided: no other import can add one of them meanwhile.
        await lockProblems(s);
        await stageNewRows(s, sourceId);
        // Grouped before they are inserted: each new row is written once, with its problem.
        grown = (await groupNewAppeals(s, problemRule(), STAGED)).grown ?? [];
      } else {
        await stageNewRows(s, sourceId, { grouping: false });
      }
      lap('problems');
      step('merge');
      const merged = await mergeStage(s, sourceId, jobId);
      lap('merge');
      step('places');
      const geocoded = await geocodeAppeals(s, touchedAppealIds);
      lap('geocode');
      // The merge placed every located row already; this catches rows located after it (geocoding).
      await assignBoundaries(s, touchedAppealIdsToPlace);
      lap('boundaries');
      await snapToRoads(s, touchedAppealIds);
      lap('roads');
      if (inline) {
        await recountProblems(s, grown);
        // Rows of this import located after the merge (geocoding).
        await groupNewAppeals(s, problemRule(), TOUCHED);
      } else if (db.kind === 'postgres') {
        await enqueueGrouping(db, s, jobId);
      }
      lap('problems after merge');
      step('indexes');
      await merged.restoreIndexes();
      lap('indexes');
      const coordinates = coordinateSummary(vote.verdict, region, extent, swapped);
      const notes = [...reader.notes, ...coordinateNotes(coordinates, swapOf(mapping))];
      const repaired = repairNote(repairs);
      if (repaired) notes.push(repaired);
      notes.push(...channels.notes());
      if (viaIso)
        notes.push(
          `${viaIso} rows had a date that does not match the date_format "${mapping.date_format}" but is unambiguous ISO 8601: read as ISO 8601`,
        );
      const idNote = nonUniqueIdNote(nonUnique);
      if (idNote) notes.push(idNote);
      if (noCoords) {
        notes.push(
          geocoded.matched
            ? `${noCoords} rows have no coordinates: ${geocoded.matched} placed by geocoding their address, the rest kept without a location`
            : `${noCoords} rows have no coordinates: kept without a location`,
        );
      }
      const extra: AppealImportExtra = {
        repairs,
        channels: channels.list(),
        dates_via_iso: viaIso,
        coordinates,
        non_unique_ids: nonUnique,
      };
      groupingAfterCommit = !inline;
      return { read, inserted: merged.inserted, updated: merged.updated, sourceId, notes, extra };
    },
  );
  if (!groupingAfterCommit) return { ...summary, grouping: { after_commit: false, awaiting: 0 } };
  // Embedded: in-process, right after the commit. PostgreSQL: the queue's worker, or this process when asked to wait.
  step('grouping');
  const g = await groupAfterCommit(db, { wait: opts.waitForGrouping ?? false });
  lap('grouping after commit');
  return { ...summary, grouping: { after_commit: true, awaiting: g.awaiting, seconds: g.seconds } };
}

function checkColumns(header: string[], m: AppealMapping, file: string, isDefault: boolean): void {
  // The default mapping names every field; a file without a mapping needs only the required ones.
  const required = ['external_id', 'created_at'] as const;
  for (const f of required) {
    if (m.fields[f] === undefined) throw PmapError.keyed('bad_mapping', 'import.no_field', { field: f }, { file });
  }
  requireColumns(isDefault ? ['external_id', 'created_at'] : columnsOf(m), header, file);
}
