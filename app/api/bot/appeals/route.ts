import { NextResponse } from 'next/server';
import { PmapError } from '@/lib/errors';
import { issueError } from '@/lib/i18n/zodIssue';
import { idempotencyKeySchema, submissionSchema, submitAppeal } from '@/lib/ingest/appeals/submitAppeal';
import { readJson, route } from '@/lib/serve/http';

export const dynamic = 'force-dynamic';

/**
 * Chat bots and hotline operators submit one appeal: `Authorization: Bearer <key>` and an `Idempotency-Key` header;
 * a retry with the same key returns the first appeal (200) instead of creating another (201).
 */
export const POST = route('/api/bot/appeals', async (req, { db, viewer, bot }) => {
  const key = idempotencyKeySchema.safeParse(req.headers.get('idempotency-key') ?? '');
  if (!key.success) throw new PmapError('bad_argument', `Idempotency-Key header: ${key.error.issues[0].message}`, {}, 'bot.idempotency_key');
  const body = submissionSchema.safeParse(await readJson(req, 16 * 1024));
  if (!body.success) {
    const i = body.error.issues[0];
    throw issueError(i, `${i.path.length ? String(i.path[0]) : 'body'}: ${i.message}`, 'body');
  }
  const client = bot?.name ?? `staff-${viewer!.id}`;
  const r = await submitAppeal(db, client, key.data, body.data);
  return NextResponse.json(r, { status: r.status === 'created' ? 201 : 200 });
});
