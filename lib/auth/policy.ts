import type { Role } from './options';

/** Who a route is for: 'public' is everyone, signed in or not; 'bot' a chat bot or console with an API key. */
export type Audience = 'public' | 'bot' | Role;

const STAFF: readonly Audience[] = ['admin', 'analyst'];
const ANYONE: readonly Audience[] = ['public'];

/**
 * Every page and route handler of app/, by its path pattern as the file system names it. A route that is not here
 * is denied to everyone (the authorization matrix test fails when a new route has no rule).
 */
export const ACCESS: Record<string, readonly Audience[]> = {
  '/': ANYONE,
  '/login': ANYONE,
  '/forbidden': ANYONE,
  '/map': STAFF,
  '/appeals': STAFF,
  '/admin/users': ['admin'],
  '/admin/audit': ['admin'],
  '/admin/import': ['admin'],
  '/api/auth/[...all]': ANYONE,
  '/api/health': ANYONE,
  '/api/openapi.json': ANYONE,
  '/api/boundaries': ANYONE,
  '/api/public/hexagons': ANYONE,
  // The basemap: roads, boundaries, places and house numbers only (never appeals); the public map needs it.
  '/api/basemap/style.json': ANYONE,
  '/api/basemap/tiles/[z]/[x]/[y]': ANYONE,
  '/vaccination': ANYONE,
  '/points/reports': STAFF,
  // Road agencies see only their owner's segments (the routes scope every query by viewer.owner).
  '/roads': ['admin', 'analyst', 'road_agency'],
  '/api/roads/priorities': ['admin', 'analyst', 'road_agency'],
  '/api/roads/geojson': ['admin', 'analyst', 'road_agency'],
  '/api/roads/segments/[id]': ['admin', 'analyst', 'road_agency'],
  '/api/roads/weights': ['admin', 'analyst', 'road_agency'],
  '/api/roads/export': ['admin', 'analyst', 'road_agency'],
  '/api/public/points': ANYONE,
  '/api/public/geocode': ANYONE,
  '/api/public/point-reports': ANYONE,
  '/api/public/stats': ANYONE,
  '/api/meta': STAFF,
  '/api/appeals': STAFF,
  '/api/appeals/hexagons': STAFF,
  '/api/appeals/export': STAFF,
  '/api/summary': STAFF,
  '/api/hotspots': STAFF,
  // Both tile layers; the handler keeps road agencies to the roads layer and their own segments.
  '/api/tiles/[layer]': ['admin', 'analyst', 'road_agency'],
  '/api/tiles/[layer]/[z]/[x]/[y]': ['admin', 'analyst', 'road_agency'],
  '/api/appeals/drill': STAFF,
  // Topics chosen by hand, and their report (it carries appeal text: never public).
  '/api/appeals/[id]/topic': STAFF,
  // Places fixed by hand (the unlocated and coarse appeals of the map's side panel).
  '/api/appeals/[id]/location': STAFF,
  '/api/appeals/corrections': STAFF,
  '/briefing': STAFF,
  '/api/admin/users': ['admin'],
  '/api/admin/imports': ['admin'],
  '/api/admin/imports/upload': ['admin'],
  '/api/admin/imports/[id]': ['admin'],
  '/api/admin/imports/[id]/rejects': ['admin'],
  '/api/bot/appeals': ['bot', 'admin', 'analyst'],
  '/open311/v2/services.json': ANYONE,
  '/open311/v2/services.xml': ANYONE,
  // Requests carry appeal text: staff and API-key clients only (public pages never show it).
  '/open311/v2/requests.json': ['bot', 'admin', 'analyst'],
  '/open311/v2/requests.xml': ['bot', 'admin', 'analyst'],
  '/open311/v2/requests/[id]': ['bot', 'admin', 'analyst'],
};

export type Decision = 'allow' | 'unauthenticated' | 'forbidden';

/** The one access decision: deny by default, public routes for all, others by role. */
export function decide(pattern: string, role: Role | 'bot' | null): Decision {
  const audience = ACCESS[pattern];
  if (!audience) return role ? 'forbidden' : 'unauthenticated';
  if (audience.includes('public')) return 'allow';
  if (!role) return 'unauthenticated';
  return audience.includes(role) ? 'allow' : 'forbidden';
}

/**
 * Who reads citizens' contacts (the author's contact column, and phones, e-mails and profile links inside appeal text):
 * admins only. Analysts, road agencies and API-key clients read the text with them removed (lib/privacy/redact.ts).
 */
export function mayReadContacts(role: Role | 'bot' | null): boolean {
  return role === 'admin';
}
