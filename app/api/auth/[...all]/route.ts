import { getAuth } from '@/lib/auth/server';
import { checkOrigin } from '@/lib/serve/csrf';
import { errorResponse } from '@/lib/serve/http';

export const dynamic = 'force-dynamic';

// better-auth's own endpoints (sign-in, sign-out, session); its rate limiter guards sign-in. Our Origin check
// comes first: better-auth's own accepts any port of an allowed host.
async function handle(req: Request): Promise<Response> {
  try {
    checkOrigin(req);
    return await (await getAuth()).handler(req);
  } catch (e) {
    return errorResponse(e, req);
  }
}

export const GET = handle;
export const POST = handle;
