import { NextResponse } from 'next/server';
import { PmapError } from '@/lib/errors';
import { saveUpload } from '@/lib/ingest/jobs/upload';
import { route } from '@/lib/serve/http';

export const dynamic = 'force-dynamic';

/** The file is the raw body (not multipart): it streams to disk as it arrives, up to PMAP_UPLOAD_MAX_MB. */
export const POST = route('/api/admin/imports/upload', async (req) => {
  const name = new URL(req.url).searchParams.get('name');
  if (!name) throw PmapError.keyed('bad_argument', 'import.no_name');
  const r = await saveUpload(req.body, name, Number(req.headers.get('content-length') ?? '0'));
  return NextResponse.json(r, { status: 201 });
});
