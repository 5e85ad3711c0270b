import { decide } from './policy';
import type { Role } from './options';

const HOME: Record<Role, string> = { admin: '/map', analyst: '/map', road_agency: '/roads' };

/** Where a role lands after sign-in, at `/` and from /forbidden: its working page; `/` for the public. */
export function homeFor(role: Role | null): string {
  return role ? HOME[role] : '/';
}

/** The page pattern a same-site path opens (`/roads?x=1` → `/roads`), for the access rule. */
const patternOf = (path: string) => path.split(/[?#]/)[0].replace(/\/+$/, '') || '/';

/**
 * Where to go after sign-in: `next` when the role may open it, otherwise the role's home (a road agency sent to
 * `/map` by the login default lands on `/roads`, not on «Нет доступа»).
 */
export function landingFor(role: Role, next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next === '/' || next.startsWith('/login'))
    return homeFor(role);
  return decide(patternOf(next), role) === 'allow' ? next : homeFor(role);
}
