import 'server-only';
import { redirect } from 'next/navigation';
import { PmapError } from '../errors';
import { decide } from './policy';
import { currentViewer, type Viewer } from './server';

/** For pages (server components): sends to the login page or /forbidden unless the path's rule allows. */
export async function requirePage(pattern: string): Promise<Viewer | null> {
  const viewer = await currentViewer();
  const d = decide(pattern, viewer?.role ?? null);
  if (d === 'unauthenticated') redirect(`/login?next=${encodeURIComponent(pattern)}`);
  if (d === 'forbidden') redirect('/forbidden');
  return viewer;
}

/** For server actions: the same rule as the page they belong to, as an error instead of a redirect. */
export async function requireAction(pattern: string): Promise<Viewer> {
  const viewer = await currentViewer();
  const d = decide(pattern, viewer?.role ?? null);
  if (d !== 'allow' || !viewer)
    throw viewer
      ? PmapError.keyed('forbidden', 'auth.role_forbidden')
      : PmapError.keyed('unauthenticated', 'auth.sign_in_first');
  return viewer;
}
