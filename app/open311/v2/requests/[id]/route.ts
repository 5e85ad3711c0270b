import { route } from '@/lib/serve/http';
import { getOneRequest, open311Error } from '@/lib/serve/open311/handlers';

export const dynamic = 'force-dynamic';

/** One service request: /open311/v2/requests/<id>.json or .xml */
export const GET = route('/open311/v2/requests/[id]', getOneRequest, open311Error);
