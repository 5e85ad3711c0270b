import {
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type Compilable,
  type InferResult,
  type RawBuilder,
} from 'kysely';
import type { Session } from '../client';
import type { DB } from '../schema';

/*
 * Server-only. Kysely as a query *builder*: `qb` compiles typed queries against the generated schema and never
 * connects; `run` sends the compiled text and parameters through a Session — the pool, a transaction, PGlite —
 * so the same typed query works inside an import's transaction and outside it. Parameters are numbered by Kysely,
 * never by hand.
 */
export const qb = new Kysely<DB>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => new PostgresIntrospector(db),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
});

/** Runs a built query on a session and returns its rows, typed by the query. */
export async function run<Q extends Compilable>(s: Session, q: Q): Promise<InferResult<Q>> {
  const c = q.compile();
  return (await s.query(c.sql, c.parameters)) as InferResult<Q>;
}

/** The first row of a built query, or undefined. */
export async function runFirst<Q extends Compilable>(s: Session, q: Q): Promise<InferResult<Q>[number] | undefined> {
  return (await run(s, q))[0];
}

/**
 * Runs a `sql` template (Kysely's tag: every interpolated value is a parameter, numbered by Kysely) on a session —
 * for statements the builder cannot say well (PostGIS and H3 pipelines, MVT, CTE merges).
 */
export async function runSql<T>(s: Session, q: RawBuilder<T>): Promise<T[]> {
  const c = q.compile(qb);
  return s.query<T>(c.sql, c.parameters);
}
