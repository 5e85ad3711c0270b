import { NextResponse } from 'next/server';
import { listUsers, upsertUser } from '@/lib/auth/users';
import { readJson, route } from '@/lib/serve/http';
import { parseBody, userBodySchema } from '@/lib/serve/params';

export const dynamic = 'force-dynamic';

export const GET = route('/api/admin/users', async (_req, { db }) => NextResponse.json({ users: await listUsers(db) }));

export const POST = route('/api/admin/users', async (req, { db }) => {
  const u = await upsertUser(db, parseBody(userBodySchema, await readJson(req)));
  return NextResponse.json({ email: u.email, role: u.role, created: u.created }, { status: u.created ? 201 : 200 });
});
