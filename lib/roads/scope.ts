import { PmapError } from '../errors';

/**
 * The owner whose segments a viewer may see: a road agency only ever its own (whatever it asks for); admins and
 * analysts the owner they ask for, or every owner.
 */
export function ownerScope(viewer: { role: string; owner: string | null }, requested: string | undefined): string | null {
  if (viewer.role === 'road_agency') {
    if (!viewer.owner) throw new PmapError('forbidden', 'this road-agency account is bound to no road owner (pmap user create … --owner)');
    return viewer.owner;
  }
  return requested || null;
}
