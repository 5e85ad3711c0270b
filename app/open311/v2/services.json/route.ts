import { route } from '@/lib/serve/http';
import { getServices, open311Error } from '@/lib/serve/open311/handlers';

export const dynamic = 'force-dynamic';

export const GET = route('/open311/v2/services.json', getServices('json'), open311Error);
