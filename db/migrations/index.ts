import type { Migration } from 'kysely';
import * as init from './2026-11-23T00-init';
import * as auth from './2026-11-23T01-auth';
import * as geocode from './2026-11-23T02-geocode';
import * as points from './2026-11-23T03-points';
import * as enrich from './2026-11-23T04-enrich';
import * as appealsFk from './2026-11-23T05-appeals-fk';
import * as jobOwner from './2026-11-23T06-job-owner';
import * as problemsImports from './2026-11-23T07-problems-imports';
import * as rollup from './2026-11-23T09-rollup';
import * as roads from './2026-11-23T08-roads';
import * as cellIndex from './2026-11-24T10-cell-index';
import * as cubeDelta from './2026-11-24T11-cube-delta';
import * as importHeartbeat from './2026-12-07T12-import-heartbeat';
import * as weightsOwner from './2026-12-07T13-weights-owner';
import * as topicCorrections from './2026-12-07T20-topic-corrections';
import * as basemap from './2026-12-07T21-basemap';
import * as addressExternalId from './2026-12-07T22-address-external-id';
import * as roadStreetCode from './2026-12-07T23-road-street-code';
import * as geocodeLevel from './2026-12-07T24-geocode-level';
import * as manualLocation from './2026-12-07T25-manual-location';
import * as dropDailyRollup from './2026-12-07T33-drop-daily-rollup';
import * as rollupKeysKept from './2026-12-07T34-rollup-keys-kept';
import * as appealAnswers from './2026-12-08T35-appeal-answers';
import * as deadlineRules from './2026-12-08T36-deadline-rules';

/** A static list, so bundlers (next build) see every migration. Names sort by time. */
export const migrations: Record<string, Migration> = {
  '2026-11-23T00-init': init,
  '2026-11-23T01-auth': auth,
  '2026-11-23T02-geocode': geocode,
  '2026-11-23T03-points': points,
  '2026-11-23T04-enrich': enrich,
  '2026-11-23T05-appeals-fk': appealsFk,
  '2026-11-23T06-job-owner': jobOwner,
  '2026-11-23T07-problems-imports': problemsImports,
  '2026-11-23T08-roads': roads,
  '2026-11-23T09-rollup': rollup,
  '2026-11-24T10-cell-index': cellIndex,
  '2026-11-24T11-cube-delta': cubeDelta,
  '2026-12-07T12-import-heartbeat': importHeartbeat,
  '2026-12-07T13-weights-owner': weightsOwner,
  '2026-12-07T20-topic-corrections': topicCorrections,
  '2026-12-07T21-basemap': basemap,
  '2026-12-07T22-address-external-id': addressExternalId,
  '2026-12-07T23-road-street-code': roadStreetCode,
  '2026-12-07T24-geocode-level': geocodeLevel,
  '2026-12-07T25-manual-location': manualLocation,
  '2026-12-07T33-drop-daily-rollup': dropDailyRollup,
  '2026-12-07T34-rollup-keys-kept': rollupKeysKept,
  '2026-12-08T35-appeal-answers': appealAnswers,
  '2026-12-08T36-deadline-rules': deadlineRules,
};
