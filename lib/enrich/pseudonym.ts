import { createHmac } from 'node:crypto';

/** A stable, keyed pseudonym for an author: counts distinct citizens without storing who they are in the clear. */
export function pseudonymOf(author: string, key: string): string {
  const norm = author.trim().toLowerCase().replace(/\s+/g, ' ');
  return createHmac('sha256', key).update(norm).digest('base64url').slice(0, 22);
}
