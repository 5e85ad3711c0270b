import { NextResponse } from 'next/server';
import { cached } from '@/lib/aggregate/cache';
import { summary } from '@/lib/aggregate/summary';
import { env } from '@/lib/config/env';
import { route } from '@/lib/serve/http';
import { appealFilterSchema, parseQuery } from '@/lib/serve/params';

export const dynamic = 'force-dynamic';

const HOUR = 3_600_000;

/** The side panel's figures for the shared filters: totals, topics, weekly trend, top municipalities, response time. */
export const GET = route('/api/summary', async (req, { db }) => {
  const q = parseQuery(appealFilterSchema, new URL(req.url));
  const deadlineDays = env().PMAP_RESPONSE_DEADLINE_DAYS;
  // "Overdue" moves with the clock: the hour is part of the key, so a cached answer is at most an hour behind it.
  const hour = Math.floor(Date.now() / HOUR);
  const body = await cached(db, `summary:${hour}:${deadlineDays}:${JSON.stringify(q)}`, () =>
    summary(db, q, { now: new Date(hour * HOUR), deadlineDays }),
  );
  return NextResponse.json(body, { headers: { 'Cache-Control': 'private, max-age=30' } });
});
