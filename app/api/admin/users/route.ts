import { issueError } from '@/lib/i18n/zodIssue';
import { NextResponse } from 'next/server';
import { z } from 'zod';
import { ROLES } from '@/lib/auth/options';
import { listUsers, upsertUser } from '@/lib/auth/users';
import { readJson, route } from '@/lib/serve/http';

export const dynamic = 'force-dynamic';

export const GET = route('/api/admin/users', async (_req, { db }) => NextResponse.json({ users: await listUsers(db) }));

const body = z.strictObject({
  email: z.string().email().max(200),
  password: z.string().min(10).max(200),
  role: z.enum(ROLES),
  owner: z.string().max(100).optional(),
});

export const POST = route('/api/admin/users', async (req, { db }) => {
  const parsed = body.safeParse(await readJson(req));
  if (!parsed.success) throw issueError(parsed.error.issues[0], `${String(parsed.error.issues[0].path[0] ?? 'body')}: ${parsed.error.issues[0].message}`, 'body');
  const u = await upsertUser(db, parsed.data);
  return NextResponse.json({ email: u.email, role: u.role, created: u.created }, { status: u.created ? 201 : 200 });
});
