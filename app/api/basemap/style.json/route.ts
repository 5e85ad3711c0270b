import { route } from '@/lib/serve/http';
import { basemapStyleResponse } from '@/lib/serve/basemap';

export const dynamic = 'force-dynamic';

/** The basemap's MapLibre style: /api/basemap/style.json?variant=muted|clear (public). */
export const GET = route('/api/basemap/style.json', basemapStyleResponse);
