import { NextResponse } from 'next/server';
import { PmapError } from '@/lib/errors';
import { discardUpload, saveUpload } from '@/lib/ingest/jobs/upload';
import { route } from '@/lib/serve/http';
import { discardQuerySchema, parseQuery, uploadQuerySchema } from '@/lib/serve/params';

export const dynamic = 'force-dynamic';

/** The file is the raw body (not multipart): it streams to disk as it arrives, up to PMAP_UPLOAD_MAX_MB. */
export const POST = route('/api/admin/imports/upload', async (req) => {
  const { name } = parseQuery(uploadQuerySchema, new URL(req.url));
  if (!name) throw PmapError.keyed('bad_argument', 'import.no_name');
  const r = await saveUpload(req.body, name, Number(req.headers.get('content-length') ?? '0'));
  return NextResponse.json(r, { status: 201 });
});

/** ?upload=<id>: removes an upload kept after a failed import (or no longer wanted); 404 when it is gone already. */
export const DELETE = route('/api/admin/imports/upload', async (req) => {
  discardUpload(parseQuery(discardQuerySchema, new URL(req.url)).upload);
  return new NextResponse(null, { status: 204 });
});
