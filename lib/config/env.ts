import path from 'node:path';
import { z } from 'zod';
import { PmapError } from '../errors';

/** Every environment variable the product reads, validated in one place. */
const schema = z.object({
  DATABASE_URL: z
    .string()
    .url()
    .optional()
    .or(z.literal('').transform(() => undefined)),
  PMAP_DATA_DIR: z.string().min(1).default('.data/pglite'),
  PMAP_BASEMAP_STYLE_URL: z.string().optional(),
  /** A local PMTiles v3 vector extract (OpenMapTiles schema) whose tiles the basemap serves instead of our tables'. */
  PMAP_BASEMAP_PMTILES: z.string().optional(),
  /** Attribution of the basemap's data (default: «Демо-данные» for the demo's own tables, else none named). */
  PMAP_BASEMAP_ATTRIBUTION: z.string().optional(),
  PMAP_DEMO_APPEALS: z.coerce.number().int().positive().optional(),
  PMAP_AUTO_SEED: z.enum(['0', '1']).optional(),
  NEXT_PHASE: z.string().optional(),
  NODE_ENV: z.string().optional(),
  /**
   * Key of the HMAC that turns an appeal's author into a stable pseudonym; better-auth's secret (cookie signing).
   * Development falls back to public defaults; production refuses them (productionSecretProblem below).
   */
  PMAP_PSEUDONYM_KEY: z.string().optional(),
  PMAP_AUTH_SECRET: z.string().optional(),
  /**
   * Proxies whose X-Forwarded-For is believed ("10.0.0.0/8,127.0.0.1"); unset: none, the socket's peer is the
   * client (lib/serve/clientAddress.ts).
   */
  PMAP_TRUSTED_PROXIES: z.string().optional(),
  /** Public URL of the app, for auth origin checks (default: the request's own origin). */
  PMAP_BASE_URL: z.string().url().optional(),
  /** Host names the app answers to when PMAP_BASE_URL is not set (auth checks the request origin against them). */
  PMAP_ALLOWED_HOSTS: z.string().default('localhost,localhost:*,127.0.0.1,127.0.0.1:*'),
  /** After this many days since a point was verified, the public page says "call to confirm" instead. */
  PMAP_POINT_STALE_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  /** API keys of chat bots and operator consoles: "name:key,name2:key2", keys of 24+ characters. */
  PMAP_BOT_API_KEYS: z.string().optional(),
  /** Where rejects CSVs go when the command line does not say. */
  PMAP_REJECTS_DIR: z.string().optional(),
  /** Days an appeal may wait for an answer before it counts as late (Federal law 59-ФЗ: 30). */
  PMAP_RESPONSE_DEADLINE_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  /** Problem grouping: appeals at most this many metres apart may describe one problem. */
  PMAP_PROBLEM_DISTANCE_M: z.coerce.number().positive().max(5000).default(150),
  /** Problem grouping: … at most this many days apart. */
  PMAP_PROBLEM_WINDOW_DAYS: z.coerce.number().positive().max(365).default(14),
  /** Problem grouping: … with texts at least this similar (cosine of word-stem sets, 0..1). */
  PMAP_PROBLEM_MIN_SIMILARITY: z.coerce.number().min(0).max(1).default(0.2),
  /**
   * The map's in-memory copy of the rollup and the located appeals (lib/aggregate/cube, PostgreSQL only): most rows
   * it may hold (about 13 bytes each, twice that while it is rebuilt); 0: off.
   */
  PMAP_CUBE_MAX_ROWS: z.coerce.number().int().min(0).default(40_000_000),
  /**
   * An appeal import of more rows than this commits its appeals without problems and groups them after
   * the commit (a job on PostgreSQL, in-process on PGlite; lib/enrich/problems/jobs.ts); smaller ones group inside
   * the import, so a bot's appeal or a small file has its problem at once. 0: always after the commit.
   */
  PMAP_GROUP_INLINE_MAX: z.coerce.number().int().min(0).default(20_000),
  /** A grouping job whose worker sent no heartbeat for this long is retried (its worker was killed). */
  PMAP_GROUPING_HEARTBEAT_SECONDS: z.coerce.number().int().min(10).max(3600).default(10),
  /** How often the queue's monitor looks for such jobs, in seconds. */
  PMAP_GROUPING_MONITOR_SECONDS: z.coerce.number().int().min(1).max(3600).default(5),
  /**
   * 1: a grouping job of a first load (new problems a third of the table or more) drops the problems' secondary
   * indexes and rebuilds them at its end (1 M appeals: 108.5 s against 126.9 s); readers of problems wait for its
   * commit meanwhile. 0: indexes stay.
   */
  PMAP_GROUPING_DROP_INDEXES: z.enum(['0', '1']).default('1'),
  /** 0: the app server runs no grouping worker (another process runs `pmap worker`). */
  PMAP_WORKER: z.enum(['0', '1']).default('1'),
  /** Largest file the admin import page accepts, in megabytes. */
  PMAP_UPLOAD_MAX_MB: z.coerce.number().int().positive().default(2048),
  /**
   * A running import writes a heartbeat every few seconds; a job "running" without one for this many seconds is
   * marked interrupted (its process was killed or its machine stopped) when the server starts or lists imports.
   */
  PMAP_IMPORT_STALE_SECONDS: z.coerce.number().int().min(10).max(86_400).default(120),
  /** Longest value (in characters) of any imported field; a row with a longer one is rejected, naming the column. */
  PMAP_MAX_FIELD_CHARS: z.coerce.number().int().min(100).max(100_000_000).default(10_000),
  /** Longest record (a CSV row or an NDJSON line) a reader buffers, in megabytes; a longer one is a file error. */
  PMAP_MAX_RECORD_MB: z.coerce.number().positive().max(2048).default(16),
  /**
   * A machine-given topic (not chosen by hand, not given by the source) with a confidence below this is "in doubt":
   * the appeals list and the drill-down show its three most probable topics for a person to pick (lib/enrich/topicDoubt.ts).
   * 0.6: on the hand-written classifier fixtures 12 % of texts fall below it, holding 18 of the 38 errors, while
   * the rest are 95 % right; 0.7 flags 16 % for 23 errors. 0 turns the prompt off.
   */
  PMAP_TOPIC_DOUBT_BELOW: z.coerce.number().min(0).max(1).default(0.6),
  /**
   * Worker threads an appeal import spreads its per-row work over (mapping, classifying, hashing, COPY text;
   * lib/ingest/appeals/stagePipeline.ts); 0 or 1 keeps it on the importing thread, the default: on this 2-core
   * machine threads gained nothing at 300 k and 1 M rows and doubled a real 10 k-row file's import (SPb appeals:
   * 12.3 s against 5.7 s; docs/scaling.md). Set it on a machine with cores to spare.
   */
  PMAP_IMPORT_THREADS: z.coerce.number().int().min(0).max(64).default(0),
  /** Set (to anything): imports print how long each of their steps took, on stderr (lib/config/timing.ts). */
  PMAP_TIMING: z.string().optional(),
  /** The region's time zone (IANA): staff pages show times in it (lib/i18n/time.ts). The demo region, Orenburg, is UTC+5. */
  /** Anonymous API requests a minute per client (lib/serve/rateLimit.ts); signed-in users and API keys are not counted. */
  PMAP_RATE_PUBLIC_PER_MIN: z.coerce.number().int().min(1).max(1_000_000).default(300),
  /**
   * Anonymous basemap requests (style and vector tiles) a minute per client, a bucket of their own: one map view
   * loads dozens of tiles, so a citizen panning the vaccination map would soon spend the API's 300.
   */
  PMAP_RATE_BASEMAP_PER_MIN: z.coerce.number().int().min(1).max(1_000_000).default(3000),
  PMAP_TIME_ZONE: z
    .string()
    .refine((tz) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, 'not an IANA time zone')
    .default('Asia/Yekaterinburg'),
});

type Raw = z.infer<typeof schema>;
export type Env = Omit<Raw, 'PMAP_PSEUDONYM_KEY' | 'PMAP_AUTH_SECRET'> & {
  PMAP_PSEUDONYM_KEY: string;
  PMAP_AUTH_SECRET: string;
};

/** Public, committed values: fine on a developer's machine, a backdoor anywhere else. */
export const DEV_SECRETS = {
  PMAP_AUTH_SECRET: 'dev-only-auth-secret-change-me-0123456789abcdef',
  PMAP_PSEUDONYM_KEY: 'dev-only-pseudonym-key-change-me',
} as const;
const SECRET_MIN_CHARS = 32;

/** A production server (not `next build`, which also runs with NODE_ENV=production). */
export function isProduction(e: Pick<Raw, 'NODE_ENV' | 'NEXT_PHASE'> = schema.parse(process.env)): boolean {
  return e.NODE_ENV === 'production' && e.NEXT_PHASE !== 'phase-production-build';
}

/**
 * Why production must not start with these secrets, in one line naming the variable, or null when they are real:
 * set, not the committed development value, at least 32 characters, and not the same for both purposes.
 */
export function productionSecretProblem(vars: {
  PMAP_AUTH_SECRET?: string;
  PMAP_PSEUDONYM_KEY?: string;
}): string | null {
  const how = 'generate one with: openssl rand -base64 48';
  for (const name of ['PMAP_AUTH_SECRET', 'PMAP_PSEUDONYM_KEY'] as const) {
    const v = vars[name];
    if (!v) return `${name} is not set; production refuses to start without it (${how})`;
    if (v === DEV_SECRETS[name]) return `${name} is the public development default; production refuses it (${how})`;
    if (v.length < SECRET_MIN_CHARS)
      return `${name} is shorter than ${SECRET_MIN_CHARS} characters; production refuses it (${how})`;
  }
  if (vars.PMAP_AUTH_SECRET === vars.PMAP_PSEUDONYM_KEY)
    return `PMAP_AUTH_SECRET and PMAP_PSEUDONYM_KEY must differ (${how})`;
  return null;
}

/** Rejects CSVs go beside the embedded data dir unless PMAP_REJECTS_DIR says otherwise. */
export function rejectsDir(): string {
  const e = env();
  return e.PMAP_REJECTS_DIR ?? path.join(path.dirname(e.PMAP_DATA_DIR), 'rejects');
}

/** Files uploaded on the admin import page wait here (beside the embedded data dir) until their import ends. */
export function uploadsDir(): string {
  return path.join(path.dirname(env().PMAP_DATA_DIR), 'uploads');
}

let cached: Env | undefined;

/** The environment, validated. In production a missing or development secret is an error, never a fallback. */
export function env(): Env {
  if (cached) return cached;
  const raw = schema.parse(process.env);
  if (isProduction(raw)) {
    const problem = productionSecretProblem(raw);
    if (problem) throw new PmapError('misconfigured', problem);
  }
  cached = {
    ...raw,
    PMAP_AUTH_SECRET: raw.PMAP_AUTH_SECRET ?? DEV_SECRETS.PMAP_AUTH_SECRET,
    PMAP_PSEUDONYM_KEY: raw.PMAP_PSEUDONYM_KEY ?? DEV_SECRETS.PMAP_PSEUDONYM_KEY,
  };
  return cached;
}

/** Tests switch databases within one process; they call this after changing process.env. */
export function resetEnvCache(): void {
  cached = undefined;
}
