import { PmapError } from '../errors';

/**
 * The owner whose segments a viewer may see: a road agency only ever its own (whatever it asks for); admins and
 * analysts the owner they ask for, or every owner.
 */
export function ownerScope(
  viewer: { role: string; owner: string | null },
  requested: string | undefined,
): string | null {
  if (viewer.role === 'road_agency') {
    if (!viewer.owner) throw PmapError.keyed('forbidden', 'roads.no_owner');
    return viewer.owner;
  }
  return requested || null;
}

/**
 * Whose weights a viewer's save changes (null: the global default). A road agency: its own owner's only (asking
 * for another is refused, not silently redirected); an admin: the owner it names, or the global default; nobody
 * else may save. Reading follows ownerScope: a road agency reads its owner's weights, staff the owner they ask for.
 */
export function weightsTarget(
  viewer: { role: string; owner: string | null },
  requested: string | undefined,
): string | null {
  if (viewer.role === 'road_agency') {
    const own = ownerScope(viewer, undefined);
    if (requested !== undefined && requested !== own) throw PmapError.keyed('forbidden', 'roads.own_weights_only');
    return own;
  }
  if (viewer.role === 'admin') return requested ?? null;
  throw PmapError.keyed('forbidden', 'roads.weights_role');
}
