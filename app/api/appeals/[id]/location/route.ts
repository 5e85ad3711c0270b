import { appealLocationHandler } from '@/lib/serve/appealLocation';
import { route } from '@/lib/serve/http';

export const dynamic = 'force-dynamic';

/** A person places an appeal by hand: `{lat, lon}` or `{address}` (lib/serve/appealLocation.ts). */
export const POST = route('/api/appeals/[id]/location', appealLocationHandler);
