import { route } from '@/lib/serve/http';
import { tileJsonResponse } from '@/lib/serve/tiles/handlers';

export const dynamic = 'force-dynamic';

/** TileJSON 3.0: /api/tiles/appeals.json or /api/tiles/roads.json, with the appeal filters as query parameters. */
export const GET = route('/api/tiles/[layer]', tileJsonResponse);
