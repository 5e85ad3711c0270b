import { NextResponse } from 'next/server';
import { PmapError } from '@/lib/errors';
import { submitAppeal } from '@/lib/ingest/appeals/submitAppeal';
import { readJson, route } from '@/lib/serve/http';
import { idempotencyKeySchema, parseBody, submissionSchema } from '@/lib/serve/params';

export const dynamic = 'force-dynamic';

/**
 * Chat bots and hotline operators submit one appeal: `Authorization: Bearer <key>` and an `Idempotency-Key` header;
 * a retry with the same key returns the first appeal (200) instead of creating another (201).
 */
export const POST = route('/api/bot/appeals', async (req, { db, viewer, bot }) => {
  const key = idempotencyKeySchema.safeParse(req.headers.get('idempotency-key') ?? '');
  if (!key.success)
    throw new PmapError(
      'bad_argument',
      `Idempotency-Key header: ${key.error.issues[0].message}`,
      {},
      'bot.idempotency_key',
    );
  const body = parseBody(submissionSchema, await readJson(req, 16 * 1024));
  const client = bot?.name ?? `staff-${viewer!.id}`;
  const r = await submitAppeal(db, client, key.data, body);
  return NextResponse.json(r, { status: r.status === 'created' ? 201 : 200 });
});
