import { getAuth } from '@/lib/auth/server';
import { errorResponse } from '@/lib/serve/http';

export const dynamic = 'force-dynamic';

// better-auth's own endpoints (sign-in, sign-out, session); its rate limiter guards sign-in.
async function handle(req: Request): Promise<Response> {
  try {
    return await (await getAuth()).handler(req);
  } catch (e) {
    return errorResponse(e);
  }
}

export const GET = handle;
export const POST = handle;
