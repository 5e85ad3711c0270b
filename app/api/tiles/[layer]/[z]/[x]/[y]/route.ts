import { route } from '@/lib/serve/http';
import { tileResponse } from '@/lib/serve/tiles/handlers';

export const dynamic = 'force-dynamic';

/** One vector tile: /api/tiles/<appeals|roads>/{z}/{x}/{y}.pbf?<filters>. */
export const GET = route('/api/tiles/[layer]/[z]/[x]/[y]', tileResponse);
