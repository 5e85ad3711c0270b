import { route } from '@/lib/serve/http';
import { getRequests, postRequest, open311Error } from '@/lib/serve/open311/handlers';

export const dynamic = 'force-dynamic';

/** GeoReport v2 service requests (xml): GET with the standard filters + page/page_size/bbox, POST to create. */
export const GET = route('/open311/v2/requests.xml', getRequests('xml'), open311Error);
export const POST = route('/open311/v2/requests.xml', postRequest('xml'), open311Error);
