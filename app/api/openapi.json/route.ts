import { NextResponse } from 'next/server';
import { route } from '@/lib/serve/http';
import { openApiDocument } from '@/lib/serve/openapi';

export const dynamic = 'force-dynamic';

export const GET = route('/api/openapi.json', async () => NextResponse.json(openApiDocument()));
