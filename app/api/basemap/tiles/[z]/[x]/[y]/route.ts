import { route } from '@/lib/serve/http';
import { basemapTileResponse } from '@/lib/serve/basemap';

export const dynamic = 'force-dynamic';

/** One basemap vector tile: /api/basemap/tiles/{z}/{x}/{y}.pbf (public; roads, boundaries, places, houses). */
export const GET = route('/api/basemap/tiles/[z]/[x]/[y]', basemapTileResponse);
